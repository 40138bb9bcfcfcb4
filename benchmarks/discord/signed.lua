-- wrk script: cycles through pre-signed interactions (benchmarks/discord/bare-aot `sign`), one
-- "signature<TAB>timestamp<TAB>body" line each, named by SIGNED_FILE. Each has its own interaction id:
-- the bot answers an id once and remembers the last 4096, so a file of more than that never repeats
-- a remembered one (one wrk thread).
local requests = {}
local next_request = 0

-- Built in init(): before it, wrk.headers has no Host yet, and wrk.format would leave it out (400).
init = function(args)
  for line in io.lines(os.getenv("SIGNED_FILE")) do
    local signature, timestamp, body = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
    requests[#requests + 1] = wrk.format("POST", nil, {
      ["Content-Type"] = "application/json",
      ["X-Signature-Ed25519"] = signature,
      ["X-Signature-Timestamp"] = timestamp,
    }, body)
  end
end

request = function()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
