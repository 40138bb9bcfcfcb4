# CourseBot as one native (ahead-of-time compiled) executable on Ubuntu's chiseled runtime-deps image:
# no shell, no package manager, no .NET runtime (the executable carries its own), a non-root user.
#   docker build -t coursebot .
#   docker run -p 8080:8080 -v coursebot-data:/app/data coursebot
# CI cannot run a container engine, so .ci/docker-build-steps replays this file: the build stage's
# commands run on the CI machine (keep that stage to WORKDIR, ENV, ARG, COPY and RUN) and the final
# stage is laid out from its COPY lines and checked. The final image has no shell, hence no RUN there:
# whatever it needs is made in the build stage and copied over.

# The SDK plus clang, llvm and zlib1g-dev, which the native compiler links with.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble-aot AS build
WORKDIR /src
COPY .editorconfig global.json Directory.Build.props Directory.Packages.props CourseBot.sln ./
COPY src/Directory.Build.props src/BannedSymbols.txt src/
COPY src/Core/CourseBot.Core.csproj src/Core/
COPY src/Bot/CourseBot.Bot.csproj src/Bot/
# Restore with the runtime and PublishAot of the publish below, which brings the native compiler's
# packages; without them the --no-restore publish has nothing to compile with.
RUN dotnet restore src/Bot/CourseBot.Bot.csproj -r linux-x64 -p:PublishAot=true
COPY src/ src/
# The sample course: the Bot project publishes it beside the executable, as /app/config.
COPY config/ config/
# /app: the executable, the native libraries it loads (SQLite, libsodium), appsettings.json and the
# sample course. Debug symbols (coursebot.dbg, about twice the executable's size, and a .pdb) stay out.
RUN dotnet publish src/Bot/CourseBot.Bot.csproj -c Release -r linux-x64 -p:PublishAot=true -o /app --no-restore \
    && rm -f /app/*.dbg /app/*.pdb
# The data folder, which the final stage cannot create (no shell): copied there with its owner set.
RUN mkdir -p /data

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
WORKDIR /app
# The bot with the sample course in /app/config; mount your own over it.
COPY --from=build /app ./
COPY --from=build --chown=$APP_UID:$APP_UID /data /app/data
# The chiseled image has no time zone database (its -extra variant adds one, with ICU, which the bot
# does not use: its globalization is invariant). .NET reads IANA zones such as a course's
# America/Chicago from /usr/share/zoneinfo, so the build stage's tzdata goes there (a few MB);
# without it every course is refused: unknown time zone "America/Chicago".
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
# APP_UID is the image's non-root user (the user name is not part of the image's contract).
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
