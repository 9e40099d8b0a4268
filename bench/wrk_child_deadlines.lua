-- wrk script: GET /v1/children/B<n>/deadlines for random n below REVIEWD_CHILDREN, with the
-- bearer token from REVIEWD_TOKEN. Used by bench/api_bench.
local children = tonumber(os.getenv("REVIEWD_CHILDREN") or "1000")
local token = os.getenv("REVIEWD_TOKEN") or ""
math.randomseed(20261123)

request = function()
  local path = "/v1/children/B" .. math.random(0, children - 1) .. "/deadlines"
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

done = function(summary, latency, requests)
  io.write(string.format("wrk: requests %d, non-2xx/3xx %d, socket errors %d\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout))
end
