# CourseBot: build with the SDK, run on the ASP.NET Core runtime as a non-root user.
#   docker build -t coursebot .
#   docker run -p 8080:8080 -v coursebot-data:/app/data coursebot
# CI cannot run a container engine, so .ci/docker-build-steps replays this file's build stage
# (same commands, on a context that honours .dockerignore): keep the build stage to WORKDIR, ENV,
# ARG, COPY and RUN.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY .editorconfig global.json Directory.Build.props Directory.Packages.props CourseBot.sln ./
COPY src/Directory.Build.props src/BannedSymbols.txt src/
COPY src/Core/CourseBot.Core.csproj src/Core/
COPY src/Bot/CourseBot.Bot.csproj src/Bot/
# Restore with the same runtime and ReadyToRun as the publish below, or the publish has no
# ReadyToRun compiler package to use (NETSDK1094).
RUN dotnet restore src/Bot/CourseBot.Bot.csproj -r linux-x64 -p:PublishReadyToRun=true
COPY src/ src/
# The sample course: the Bot project publishes it beside the executable, as /app/config.
COPY config/ config/
# Ready-to-run code starts in ~0.4 s instead of ~0.6 s (docs/benchmarks.md).
RUN dotnet publish src/Bot/CourseBot.Bot.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
# The published bot with the sample course in /app/config; mount your own over it.
COPY --from=build /app ./
# APP_UID is the image's non-root user (the user name is not part of the image's contract).
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
USER $APP_UID
VOLUME /app/data
# The image already listens on ASPNETCORE_HTTP_PORTS (8080); set it here, and not ASPNETCORE_URLS,
# so ASP.NET Core has one setting to follow and does not warn that one overrides the other.
# `coursebot probe` without a URL asks /readyz on the port this same setting names.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Storage__DataDirectory=/app/data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["/app/coursebot", "probe"]
ENTRYPOINT ["/app/coursebot", "run", "--config", "/app/config"]
