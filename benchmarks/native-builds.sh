# Sourced by benchmarks/host/measure-startup.sh and benchmarks/discord/load.sh (from the repository root,
# after they set $out): the two native builds they compare, and a free loopback port.
#   COURSEBOT_DIR=dir / BARE_DIR=dir reuse an existing publish instead of publishing.
bot=${COURSEBOT_DIR:-$out/bot}
bare=${BARE_DIR:-$out/bare}
if [ -z "${COURSEBOT_DIR:-}" ]; then
  echo "publishing coursebot (Native AOT, a few minutes)..."
  dotnet publish src/Bot -c Release -o "$bot" >"$out/publish-bot.log" || { tail -20 "$out/publish-bot.log"; exit 1; }
fi
if [ -z "${BARE_DIR:-}" ]; then
  echo "publishing the bare endpoint (Native AOT)..."
  dotnet publish benchmarks/discord/bare-aot -c Release -o "$bare" >"$out/publish-bare.log" || { tail -20 "$out/publish-bare.log"; exit 1; }
fi
config=$(pwd)/config
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
