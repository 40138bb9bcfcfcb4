using CourseBot.Bot.Conversation;
using CourseBot.Bot.Discord.Commands;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Rendering;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Discord.Interactions;

/// <summary>
/// Answers one interaction, whichever way it came: autocomplete from memory, commands through the
/// conversation. The initial response goes out within <see cref="TimelyAnswer.Budget"/> of receipt (monotonic
/// clock); an answer not ready by then is deferred and finished by editing the original.
/// </summary>
public sealed partial class DiscordInteractionHandler(
    ICourseConversation conversation,
    DiscordRestClient rest,
    AnswerCache cache,
    TimeProvider time,
    ILogger<DiscordInteractionHandler> logger)
{
    public const string Platform = "discord";

    public async Task HandleAsync(ReceivedInteraction received, DiscordInteraction interaction, IInitialResponse initial, CancellationToken cancellationToken)
    {
        var context = new CommandContext(Platform, interaction.ChannelId, interaction.GuildId, interaction.UserId, interaction.IsAdmin) { DisplayName = interaction.UserName };
        switch (interaction.Kind)
        {
            case InteractionKind.Ping:
                await initial.SendAsync(Json(new InteractionResponseBody(CallbackType.Pong)), cancellationToken);
                break;
            case InteractionKind.Autocomplete:
                await initial.SendAsync(Json(await AutocompleteAsync(interaction, context, cancellationToken)), cancellationToken);
                break;
            case InteractionKind.ApplicationCommand:
                var command = DiscordCommands.ToCommand(interaction);
                // /calendar's answer holds the asker's own feed address: always private.
                var ephemeral = command is CourseCommand.Announce or CourseCommand.Calendar || conversation.RepliesArePrivate(context);
                await CommandAsync(received, interaction, context, command, ephemeral, initial, cancellationToken);
                break;
            case InteractionKind.MessageComponent:
                await ComponentAsync(received, interaction, context, initial, cancellationToken);
                break;
            default:
                // Modals: CourseBot opens none, so this is an old or foreign message.
                var unsupported = Messages(Reply.Problem("Not supported", "CourseBot does not handle this kind of interaction.", TimeZoneInfo.Utc), ephemeral: true);
                await initial.SendAsync(Json(new InteractionResponseBody(CallbackType.Message, unsupported[0])), cancellationToken);
                break;
        }
    }

    private async Task<InteractionResponseBody> AutocompleteAsync(DiscordInteraction interaction, CommandContext context, CancellationToken cancellationToken)
    {
        var focused = interaction.FocusedOption;
        var typed = focused?.Value ?? "";
        var choices = focused?.Name switch
        {
            "week" => conversation.CompleteWeek(context, typed),
            "query" => conversation.CompletePaper(context, typed),
            // Papers to lead: only those with a free slot (a store read); /leads assign|remove may name any paper.
            "paper" when interaction.CommandName == DiscordCommands.Lead => await conversation.CompleteLeadPaperAsync(context, typed, cancellationToken),
            "paper" => conversation.CompletePaper(context, typed),
            _ => [],
        };

        var body = choices.Take(DiscordLimits.AutocompleteChoices)
            .Select(c => new AutocompleteChoiceBody(Clip(c.Name, DiscordLimits.ChoiceName), Clip(c.Value, DiscordLimits.ChoiceValue)))
            .ToArray();
        return new InteractionResponseBody(CallbackType.AutocompleteResult, new AutocompleteDataBody(body));
    }

    /// <summary>
    /// A click on a button or a choice in a menu: the command text its id carries (<see cref="ActionCommand"/>)
    /// is parsed and answered like the typed command, privately to whoever clicked. A bot's click is only
    /// acknowledged; an id CourseBot cannot read gets a private explanation.
    /// </summary>
    private async Task ComponentAsync(ReceivedInteraction received, DiscordInteraction interaction, CommandContext context, IInitialResponse initial, CancellationToken cancellationToken)
    {
        if (interaction.UserIsBot)
        {
            await initial.SendAsync(Json(new InteractionResponseBody(CallbackType.DeferredUpdate)), cancellationToken);
            return;
        }

        var id = interaction.ComponentType != DiscordComponents.StringSelect ? interaction.CustomId : interaction.Values.Count > 0 ? interaction.Values[0] : null;
        if (ActionCommand.Decode(id) is not { } line)
        {
            LogUnreadableComponent(Clip(id ?? "(none)", DiscordLimits.CustomId));
            var problem = Reply.Problem(
                "This button no longer works",
                "CourseBot could not read what this button or menu choice should do (it may come from an older version of the bot). Type the command instead; /help lists them.",
                TimeZoneInfo.Utc);
            await initial.SendAsync(Json(new InteractionResponseBody(CallbackType.Message, Messages(problem, ephemeral: true)[0])), cancellationToken);
            return;
        }

        await CommandAsync(received, interaction, context, CommandParser.Parse(line), ephemeral: true, initial, cancellationToken);
    }

    private async Task CommandAsync(ReceivedInteraction received, DiscordInteraction interaction, CommandContext context, CourseCommand command, bool ephemeral, IInitialResponse initial, CancellationToken cancellationToken)
    {
        var version = conversation.ReusableAnswerVersion(context, command);
        if (version is not null && cache.TryGet(version, command, ephemeral, out var cached))
        {
            await initial.SendAsync(cached, cancellationToken);
            return;
        }

        var answer = await conversation.StartAsync(new AnswerRequest(context, command, received.ReceivedAt, cancellationToken), time, logger, cancellationToken);
        if (answer.IsReady)
        {
            var messages = Messages(await answer.Reply, ephemeral);
            var response = Json(new InteractionResponseBody(CallbackType.Message, messages[0]));
            if (version is not null && messages.Count == 1)
            {
                cache.Add(version, command, ephemeral, response);
            }

            await initial.SendAsync(response, cancellationToken);
            if (messages.Count > 1)
            {
                await initial.Delivered.WaitAsync(cancellationToken);
                await FollowUpAsync(interaction, messages.Skip(1), cancellationToken);
            }
            return;
        }

        LogDeferred(interaction.CommandName ?? command.GetType().Name.ToLowerInvariant(), time.GetElapsedTime(received.ReceivedAt).TotalMilliseconds);
        await initial.SendAsync(Json(new InteractionResponseBody(CallbackType.DeferredMessage, new MessageBody(null, null, null, ephemeral ? MessageFlags.Ephemeral : null))), cancellationToken);
        var late = Messages(await answer.Reply, ephemeral);
        await initial.Delivered.WaitAsync(cancellationToken);
        await rest.EditOriginalAsync(interaction.Token, late[0], cancellationToken);
        await FollowUpAsync(interaction, late.Skip(1), cancellationToken);
    }

    private async Task FollowUpAsync(DiscordInteraction interaction, IEnumerable<MessageBody> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            await rest.FollowupAsync(interaction.Token, message, cancellationToken);
        }
    }

    /// <summary>A reply as one initial message plus follow-ups, each within Discord's limits; errors are always private.</summary>
    private static IReadOnlyList<MessageBody> Messages(Reply reply, bool ephemeral)
    {
        var flags = ephemeral || reply.IsError ? MessageFlags.Ephemeral : (int?)null;
        return DiscordReplyRenderer.Render(reply).Select(m => m with { Flags = flags }).ToArray();
    }

    private static byte[] Json(InteractionResponseBody response) => DiscordRestClient.Json(response, DiscordJson.Default.InteractionResponseBody);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "A button or menu choice with an id CourseBot cannot read was clicked: {Id}")]
    private partial void LogUnreadableComponent(string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deferred /{Command} after {Elapsed:0} ms; the answer will edit the original")]
    private partial void LogDeferred(string command, double elapsed);
}
