namespace CourseBot.Bot.Discord;

/// <summary>Discord's message and embed limits (developers/resources/message.mdx; PLATFORMS.md §2).</summary>
public static class DiscordLimits
{
    public const int EmbedsPerMessage = 10;
    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int FieldsPerEmbed = 25;
    public const int FieldName = 256;
    public const int FieldValue = 1024;

    /// <summary>The sum of every title, description, field name and value and footer of a message's embeds.</summary>
    public const int EmbedTotal = 6000;

    /// <summary>Autocomplete answers at most this many choices (receiving-and-responding.mdx).</summary>
    public const int AutocompleteChoices = 25;

    /// <summary>A choice's name and string value are 1–100 characters (application-commands.mdx).</summary>
    public const int ChoiceName = 100;

    public const int ChoiceValue = 100;

    /// <summary>Scheduled events a guild may have at once (guild-scheduled-event.mdx).</summary>
    public const int ScheduledEventsPerGuild = 100;

    /// <summary>A scheduled event's name, description and EXTERNAL location (the spec's ExternalScheduledEventCreateRequest).</summary>
    public const int ScheduledEventName = 100;

    public const int ScheduledEventDescription = 1000;

    public const int ScheduledEventLocation = 100;

    /// <summary>A message nonce (message.mdx).</summary>
    public const int Nonce = 25;

    // Message components (developers/components/reference.mdx; the spec's ActionRow/Button/StringSelect schemas).

    /// <summary>Action rows per message.</summary>
    public const int ActionRows = 5;

    /// <summary>Buttons per action row; a select menu fills a row alone.</summary>
    public const int ButtonsPerRow = 5;

    /// <summary>A component's <c>custom_id</c> and a select option's <c>value</c>: 1–100 characters.</summary>
    public const int CustomId = 100;

    public const int OptionValue = 100;

    public const int ButtonLabel = 80;

    public const int SelectPlaceholder = 150;

    /// <summary>Options per string select.</summary>
    public const int SelectOptions = 25;

    public const int OptionLabel = 100;

    public const int OptionDescription = 100;
}
