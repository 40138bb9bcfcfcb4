namespace CourseBot.Core.ReadingList;

/// <summary>
/// An include argument's value after Liquid has evaluated it. Unquoted words other than
/// <c>true</c>/<c>false</c>/numbers are variable lookups, which on the course site are undefined.
/// </summary>
internal readonly record struct LiquidValue(LiquidValueKind Kind, string Text, int Offset)
{
    /// <summary>What the include template sees: a string or number is truthy text, true is true, the rest is nothing.</summary>
    public bool IsTruthy => Kind is LiquidValueKind.String or LiquidValueKind.Number || (Kind == LiquidValueKind.Boolean && Text == "true");
}

internal enum LiquidValueKind
{
    String,
    Boolean,
    Number,

    /// <summary>An unquoted word Liquid looks up as a variable; undefined on the site, so nil.</summary>
    Variable,
}
