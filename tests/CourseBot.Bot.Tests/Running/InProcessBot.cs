using CourseBot.Bot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CourseBot.Bot.Tests.Running;

/// <summary>What <c>coursebot run</c> builds, in this process on a loopback port, with the given settings.</summary>
internal static class InProcessBot
{
    /// <returns>
    /// The started app and its address; no address when the bot stopped itself while starting (a token
    /// refused within milliseconds): that cancels the rest of the start before the web server listens.
    /// </returns>
    public static async Task<(WebApplication App, Uri? Address)> StartAsync(
        IDictionary<string, string?> settings, string configDirectory, Action<IServiceCollection>? replace = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (Environment.GetEnvironmentVariable("COURSEBOT_TEST_LOG") != "1")
        {
            builder.Logging.ClearProviders();
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCourseBotServices(configDirectory);
        replace?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapCourseBotEndpoints();
        try
        {
            await app.StartAsync();
        }
        catch (OperationCanceledException) when (app.Services.GetRequiredService<FatalStop>().Reason is not null)
        {
            // .NET links the start to ApplicationStopping; the test looks at why the bot stopped.
            return (app, null);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }
}
