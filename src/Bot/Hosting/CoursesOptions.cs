namespace CourseBot.Bot.Hosting;

/// <summary>Where the course files are and how often their sources are checked (section "Courses"); checked by <see cref="CoursesOptionsValidator"/>.</summary>
public sealed class CoursesOptions : ISettingsSection
{
    public const string Section = "Courses";

    /// <summary>The config folder with one YAML file per course.</summary>
    public string Directory { get; set; } = "config";

    /// <summary>How often URL sources are asked again (conditional GET) and files re-checked.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long reading one source may take in all (connect, headers, whole body).</summary>
    public TimeSpan SourceTimeout { get; set; } = SourceReader.DefaultDeadline;

    /// <summary>How long a changed local file must stay the same before it is taken.</summary>
    public TimeSpan SettleTime { get; set; } = SourceReader.DefaultSettleTime;

    public void ReadFrom(SettingValues values)
    {
        Directory = values.Text(nameof(Directory), Directory)!;
        RefreshInterval = values.Duration(nameof(RefreshInterval), RefreshInterval);
        SourceTimeout = values.Duration(nameof(SourceTimeout), SourceTimeout);
        SettleTime = values.Duration(nameof(SettleTime), SettleTime);
    }
}
