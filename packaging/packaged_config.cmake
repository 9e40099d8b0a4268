# Writes the configuration the Debian package installs as /etc/reviewd/reviewd.toml: the shipped
# config/reviewd.toml with the two paths a server needs changed. The checkout keeps its database and
# outbox under var/; the service may write only /var/lib/reviewd (ProtectSystem=strict and
# StateDirectory=reviewd in reviewd.service), so [store] path and [delivery] folder point there.
# Everything else stays as shipped and documented. Fails loudly if a key to change is not found,
# so a change to config/reviewd.toml cannot silently ship a configuration that does not work.
#
#   cmake -DINPUT=config/reviewd.toml -DOUTPUT=<build>/packaging/reviewd.toml -P packaged_config.cmake

file(READ "${INPUT}" text)

# set_in_table(TABLE KEY VALUE): in the lines between "[TABLE]" and the next table header,
# replaces the value of the line starting `KEY = "..."`.
function(set_in_table table key value)
  string(FIND "${text}" "\n[${table}]\n" start)
  if(start EQUAL -1)
    message(FATAL_ERROR "${INPUT}: no [${table}] table")
  endif()
  math(EXPR body_start "${start} + 1")
  string(SUBSTRING "${text}" ${body_start} -1 rest)
  string(LENGTH "[${table}]" header_length)
  string(SUBSTRING "${rest}" ${header_length} -1 after_header)
  string(FIND "${after_header}" "\n[" next)
  if(next EQUAL -1)
    set(body "${after_header}")
    set(tail "")
  else()
    string(SUBSTRING "${after_header}" 0 ${next} body)
    string(SUBSTRING "${after_header}" ${next} -1 tail)
  endif()
  string(REGEX MATCHALL "\n${key} = \"[^\"\n]*\"" found "${body}")
  list(LENGTH found count)
  if(NOT count EQUAL 1)
    message(FATAL_ERROR "${INPUT}: expected one `${key} = \"...\"` line in [${table}], found ${count}")
  endif()
  string(REGEX REPLACE "\n${key} = \"[^\"\n]*\"" "\n${key} = \"${value}\"" body "${body}")
  string(SUBSTRING "${text}" 0 ${body_start} head)
  set(text "${head}[${table}]${body}${tail}" PARENT_SCOPE)
endfunction()

set_in_table(store path "/var/lib/reviewd/reviewd.db")
set_in_table(delivery folder "/var/lib/reviewd/outbox")

set(note "# Installed by the reviewd Debian package. The database and the file transport's outbox are
# in /var/lib/reviewd, the only folder the service may write (reviewd.service); secrets go in
# /etc/reviewd/credentials/ (root only), named without a folder below. Local changes to this file
# are kept on upgrade (it is a conffile).
")
file(WRITE "${OUTPUT}" "${note}${text}")
