# CourseBot: build with the SDK, run on the ASP.NET Core runtime as a non-root user.
#   docker build -t coursebot .
#   docker run -p 8080:8080 -v coursebot-data:/app/data coursebot
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props CourseBot.sln ./
COPY src/Core/CourseBot.Core.csproj src/Core/
COPY src/Bot/CourseBot.Bot.csproj src/Bot/
RUN dotnet restore src/Bot/CourseBot.Bot.csproj -r linux-x64
COPY src/ src/
COPY config/ config/
# Ready-to-run code starts in ~0.4 s instead of ~0.6 s (docs/benchmarks.md).
RUN dotnet publish src/Bot/CourseBot.Bot.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The sample course; mount your own over /app/config.
COPY config/ /app/config/
RUN mkdir -p /app/data && chown -R app:app /app/data
USER app
VOLUME /app/data
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Storage__DataDirectory=/app/data \
    Courses__Directory=/app/config
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["/app/coursebot", "probe", "http://127.0.0.1:8080/readyz"]
ENTRYPOINT ["/app/coursebot", "run", "--config", "/app/config"]
