namespace CourseBot.Bot.Slack;

/// <summary>Block Kit and Web API limits (PLATFORMS.md §3a, from Slack's SDKs' block models).</summary>
public static class SlackLimits
{
    public const int BlocksPerMessage = 50;

    /// <summary>Modals and App Home views hold more blocks than a message.</summary>
    public const int BlocksPerView = 100;

    public const int SectionText = 3000;
    public const int HeaderText = 150;
    public const int ContextElements = 10;
    public const int BlockId = 255;
    public const int ButtonValue = 2000;

    // Interactive elements (api.slack.com/reference/block-kit/block-elements and composition-objects).

    /// <summary>Elements per actions block.</summary>
    public const int ActionElements = 25;

    public const int ActionId = 255;

    /// <summary>A button's text, an option's text and description.</summary>
    public const int ButtonText = 75;

    public const int OptionText = 75;

    public const int OptionDescription = 75;

    /// <summary>An option's value: far shorter than a button's.</summary>
    public const int OptionValue = 150;

    public const int SelectPlaceholder = 150;

    /// <summary>Options per static select.</summary>
    public const int SelectOptions = 100;

    /// <summary>
    /// An undocumented cumulative cap (≈12–13k characters) answers <c>msg_blocks_too_long</c>; CourseBot
    /// keeps each message's text under this.
    /// </summary>
    public const int MessageText = 11000;

    /// <summary>chat.postMessage: about one message per second per channel.</summary>
    public static readonly TimeSpan PostInterval = TimeSpan.FromSeconds(1);
}
