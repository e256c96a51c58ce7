-- wrk script for both stores. Set by environment: TARGET=raftkv|etcd, OPERATION=write|read|serializable-read,
-- VALUE_BYTES (256). Keys cycle through KEYS (10000) names, so a write pass preloads what a read pass reads.
local target = os.getenv("TARGET") or "raftkv"
local operation = os.getenv("OPERATION") or "write"
local value_bytes = tonumber(os.getenv("VALUE_BYTES") or "256")
local key_count = tonumber(os.getenv("KEYS") or "10000")

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function base64(data)
  return ((data:gsub(".", function(character)
    local bits, byte = "", character:byte()
    for position = 8, 1, -1 do bits = bits .. (byte % 2 ^ position - byte % 2 ^ (position - 1) > 0 and "1" or "0") end
    return bits
  end) .. "0000"):gsub("%d%d%d?%d?%d?%d?", function(bits)
    if #bits < 6 then return "" end
    local number = 0
    for position = 1, 6 do number = number + (bits:sub(position, position) == "1" and 2 ^ (6 - position) or 0) end
    return alphabet:sub(number + 1, number + 1)
  end) .. ({ "", "==", "=" })[#data % 3 + 1])
end

local value = string.rep("v", value_bytes)
local value_base64 = base64(value)
local keys, keys_base64 = {}, {}
for index = 0, key_count - 1 do
  keys[index] = "bench-" .. index
  keys_base64[index] = base64(keys[index])
end

local counter = 0
request = function()
  local index = counter % key_count
  counter = counter + 1
  if operation ~= "write" then index = math.random(0, math.min(999, key_count - 1)) end
  if target == "raftkv" then
    if operation == "write" then return wrk.format("PUT", "/v1/kv/" .. keys[index], nil, value) end
    local suffix = operation == "serializable-read" and "?consistency=serializable" or ""
    return wrk.format("GET", "/v1/kv/" .. keys[index] .. suffix)
  end
  local headers = { ["Content-Type"] = "application/json" }
  if operation == "write" then
    return wrk.format("POST", "/v3/kv/put", headers,
      '{"key":"' .. keys_base64[index] .. '","value":"' .. value_base64 .. '"}')
  end
  local serializable = operation == "serializable-read" and ',"serializable":true' or ""
  return wrk.format("POST", "/v3/kv/range", headers, '{"key":"' .. keys_base64[index] .. '"' .. serializable .. '}')
end

-- wrk counts answers that are not 2xx or 3xx as status errors; the driver refuses a run that has any.
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50ms=%.3f p99ms=%.3f p999ms=%.3f errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
      + summary.errors.status))
end
