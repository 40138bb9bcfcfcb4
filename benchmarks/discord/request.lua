-- wrk script: the same signed /reading week:3 interaction on every request.
local file = io.open(os.getenv("BODY_FILE"), "rb")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Signature-Ed25519"] = os.getenv("SIGNATURE")
wrk.headers["X-Signature-Timestamp"] = os.getenv("TIMESTAMP")
