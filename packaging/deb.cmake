# The Debian package: `cpack -G DEB` in a build folder makes reviewd_<version>_<arch>.deb with
#   /usr/bin/reviewd                      the daemon, built with /etc/reviewd/reviewd.toml as its
#                                         default configuration (reviewd_packaged, below)
#   /etc/reviewd/                         reviewd.toml (database and outbox in /var/lib/reviewd),
#                                         bank-holidays.json, rules/, templates/: all conffiles
#   /lib/systemd/system/reviewd.service   the unit (systemd/), not enabled or started on install
#   /usr/lib/sysusers.d/reviewd.conf      the reviewd user; /usr/lib/tmpfiles.d/reviewd.conf its
#                                         folders (the maintainer scripts run both)
#   /usr/share/man/man8/reviewd.8.gz      the manual page
#   /usr/share/doc/reviewd/               copyright, changelog, README, a sample case
# Dependencies come from dpkg-shlibdeps on the binary. tests/packaging/check_deb.sh builds the
# package and checks it, installs it with dpkg and verifies the installed unit.
include_guard(GLOBAL)
include(GNUInstallDirs)

set(REVIEWD_PACKAGE_MAINTAINER "reviewd maintainers <maintainers@reviewd.invalid>" CACHE STRING
    "The Maintainer field of the Debian package")
set(packaging_dir ${PROJECT_SOURCE_DIR}/packaging)
set(packaged ${CMAKE_BINARY_DIR}/packaging)

# The installed binary differs from build/daemon/reviewd in one thing: with neither --config nor
# REVIEWD_CONFIG it reads /etc/reviewd/reviewd.toml, not the checkout's config/. Only main.cpp
# is compiled again; the rest is the same reviewd_app library.
add_executable(reviewd_packaged ${PROJECT_SOURCE_DIR}/daemon/main.cpp)
set_target_properties(reviewd_packaged PROPERTIES OUTPUT_NAME reviewd
                                                  RUNTIME_OUTPUT_DIRECTORY ${packaged}/bin)
target_compile_definitions(reviewd_packaged PRIVATE
  REVIEWD_DEFAULT_CONFIG="/etc/reviewd/reviewd.toml" REVIEWD_VERSION="${PROJECT_VERSION}")
target_link_libraries(reviewd_packaged PRIVATE reviewd_app reviewd_warnings)
# Full RELRO, as Debian's hardening flags ask: relocations resolved at start, then read-only.
target_link_options(reviewd_packaged PRIVATE -Wl,-z,relro -Wl,-z,now)

# /etc/reviewd/reviewd.toml: config/reviewd.toml with the server's paths (packaged_config.cmake).
add_custom_command(OUTPUT ${packaged}/reviewd.toml
  COMMAND ${CMAKE_COMMAND} -DINPUT=${PROJECT_SOURCE_DIR}/config/reviewd.toml
          -DOUTPUT=${packaged}/reviewd.toml -P ${packaging_dir}/packaged_config.cmake
  DEPENDS ${PROJECT_SOURCE_DIR}/config/reviewd.toml ${packaging_dir}/packaged_config.cmake
  COMMENT "Writing the packaged /etc/reviewd/reviewd.toml" VERBATIM)

# Manual page and changelog, compressed as Debian wants them (-n: no time stamp, reproducible).
find_program(REVIEWD_GZIP gzip REQUIRED)
foreach(pair "reviewd.8;${packaging_dir}/reviewd.8" "changelog;${packaging_dir}/debian/changelog")
  list(GET pair 0 name)
  list(GET pair 1 source)
  add_custom_command(OUTPUT ${packaged}/${name}.gz
    COMMAND ${REVIEWD_GZIP} -9 -n -c ${source} > ${packaged}/${name}.gz
    DEPENDS ${source} COMMENT "Compressing ${name}")
endforeach()
add_custom_target(reviewd_package_files ALL
  DEPENDS ${packaged}/reviewd.toml ${packaged}/reviewd.8.gz ${packaged}/changelog.gz)

install(TARGETS reviewd_packaged RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Configuration (conffiles: dpkg keeps local changes on upgrade and asks before replacing them).
file(GLOB rule_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/config/rules/*.toml)
file(GLOB template_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/config/templates/*)
install(FILES ${packaged}/reviewd.toml ${PROJECT_SOURCE_DIR}/config/bank-holidays.json
        DESTINATION /etc/reviewd)
install(FILES ${rule_files} DESTINATION /etc/reviewd/rules)
install(FILES ${template_files} DESTINATION /etc/reviewd/templates)
set(conffiles "/etc/reviewd/reviewd.toml\n/etc/reviewd/bank-holidays.json\n")
foreach(f IN LISTS rule_files)
  get_filename_component(name ${f} NAME)
  string(APPEND conffiles "/etc/reviewd/rules/${name}\n")
endforeach()
foreach(f IN LISTS template_files)
  get_filename_component(name ${f} NAME)
  string(APPEND conffiles "/etc/reviewd/templates/${name}\n")
endforeach()
file(WRITE ${packaged}/control/conffiles "${conffiles}")

# systemd: the unit, the user, the folders.
install(FILES ${PROJECT_SOURCE_DIR}/systemd/reviewd.service DESTINATION /lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/systemd/reviewd.sysusers DESTINATION lib/sysusers.d
        RENAME reviewd.conf)
install(FILES ${PROJECT_SOURCE_DIR}/systemd/reviewd.tmpfiles DESTINATION lib/tmpfiles.d
        RENAME reviewd.conf)

# Documentation.
install(FILES ${packaged}/reviewd.8.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)
install(FILES ${packaging_dir}/debian/copyright ${packaged}/changelog.gz
              ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/config/samples/case.json
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

# Maintainer scripts are copied so that CPack's strict permissions apply to them (0755).
foreach(script postinst prerm postrm)
  configure_file(${packaging_dir}/debian/${script} ${packaged}/control/${script} COPYONLY)
endforeach()

set(CPACK_PACKAGE_NAME reviewd)
set(CPACK_PACKAGE_VENDOR "reviewd")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "statutory review deadlines and reminders for IRO services")
set(CPACK_PACKAGE_CONTACT "${REVIEWD_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${REVIEWD_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Beside the libraries: the tz database (date-tz reads the system's), and the tools the
# maintainer scripts run (systemd-sysusers, systemd-tmpfiles).
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "tzdata, systemd | systemd-standalone-sysusers | systemd-sysusers, systemd | systemd-standalone-tmpfiles")
# CPack puts the summary first and formats the rest as the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "reviewd keeps the statutory clock for the Independent Reviewing Officer
service of a UK council: it computes every review and related deadline of
each child in care, with bank holidays and the rules in force, says why each
falls on its day, and reminds IROs by email, webhooks and calendar feeds.

It serves an authenticated HTTP/JSON API over an SQLite database, runs under
systemd as the reviewd user, and stores no names of children.")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${packaged}/control/conffiles;${packaged}/control/postinst;${packaged}/control/prerm;${packaged}/control/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
