using System.CommandLine;
using System.Text.Json;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Hosting;

namespace CourseBot.Bot.Cli;

/// <summary><c>coursebot posts</c>: the posting ledger — what went out, where, when, and what did not.</summary>
internal static class PostsCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var course = CommonOptions.Course();
        var format = CommonOptions.Format();
        var command = new Command("posts", "List the posts the bot sent, skipped or is sending (the ledger)") { config, course, format };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            if (CommonOptions.ExistingDirectory(result.GetValue(config), result.InvocationConfiguration.Error) is not { } directory)
            {
                return CommonOptions.ConfigurationError;
            }

            await using var bot = await OfflineBot.StartAsync(directory, loadCourses: false, result.InvocationConfiguration.Error, cancellationToken);
            if (bot is null)
            {
                return CommonOptions.ConfigurationError;
            }

            var posts = await bot.Services.GetRequiredService<IPostingLedger>().ListAsync(result.GetValue(course), cancellationToken);
            if (result.GetValue(format) == "json")
            {
                CommonOptions.WriteJson(stream => WriteJson(posts, stream), output);
                return 0;
            }

            if (posts.Count == 0)
            {
                output.WriteLine("No posts yet.");
            }

            foreach (var post in posts)
            {
                var when = post.CompletedAt ?? post.ClaimedAt ?? post.CreatedAt;
                var detail = post.State switch
                {
                    PostState.Sent => $"message {post.MessageId}{EditState(post)}",
                    PostState.Sending => $"claimed by {post.Claimant}",
                    _ => post.LastError ?? "",
                };
                output.WriteLine($"{when:yyyy-MM-dd HH:mm}Z  {post.State.ToString().ToLowerInvariant(),-8} {post.Key.CourseId} {post.Key.Kind} {post.Key.Slot} → {post.Key.Platform}:{post.Key.Channel}  {detail}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>What the ledger knows about edits of a sent post: the version shown, the last edit, a deleted message.</summary>
    private static string EditState(PostRecord post) =>
        (post.Version is { } version ? $" · version {version}" : "")
        + (post.EditedAt is { } edited ? $" · edited {edited:yyyy-MM-dd HH:mm}Z" : "")
        + (post.EditClaimant is { } editor ? $" · being edited by {editor}" : "")
        + (post.GoneAt is { } gone ? $" · deleted on the platform (noticed {gone:yyyy-MM-dd HH:mm}Z)" : "")
        + (post.RepostedAt is { } reposted ? $" · posted again {reposted:yyyy-MM-dd HH:mm}Z" : "");

    private static void WriteJson(IReadOnlyList<PostRecord> posts, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, CommonOptions.JsonOutput);
        json.WriteStartArray();
        foreach (var post in posts)
        {
            json.WriteStartObject();
            json.WriteString("course", post.Key.CourseId);
            json.WriteString("kind", post.Key.Kind);
            json.WriteString("slot", post.Key.Slot);
            json.WriteString("platform", post.Key.Platform);
            json.WriteString("channel", post.Key.Channel);
            json.WriteString("state", post.State.ToString().ToLowerInvariant());
            json.WriteString("messageId", post.MessageId);
            json.WriteNumber("attempts", post.Attempts);
            json.WriteString("lastError", post.LastError);
            json.WriteString("createdAt", CommonOptions.JsonTime(post.CreatedAt));
            json.WriteString("completedAt", CommonOptions.JsonTime(post.CompletedAt));
            json.WriteString("version", post.Version);
            json.WriteString("editedAt", CommonOptions.JsonTime(post.EditedAt));
            json.WriteString("goneAt", CommonOptions.JsonTime(post.GoneAt));
            json.WriteString("repostedAt", CommonOptions.JsonTime(post.RepostedAt));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
