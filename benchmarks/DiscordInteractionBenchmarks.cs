using System.Text;
using BenchmarkDotNet.Attributes;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Core;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;
using NSec.Cryptography;

namespace CourseBot.Benchmarks;

/// <summary>The steps of answering <c>/reading week:3</c> over HTTP, one by one (the load test measures them together).</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DiscordInteractionBenchmarks
{
    private byte[] _body = [];
    private string _timestamp = "";
    private string _signature = "";
    private InteractionSignature _verifier = null!;
    private CourseSnapshot _course = null!;
    private Reply _reply = null!;
    private MessageBody _message = null!;

    [GlobalSetup]
    public void Setup()
    {
        _body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "reading-week3.json"));
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        _timestamp = "1764000000";
        _signature = Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, [.. Encoding.ASCII.GetBytes(_timestamp), .. _body]));
        _verifier = new InteractionSignature(Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
        _course = BenchmarkCourse.Load(
            File.ReadAllText(BenchmarkCourse.SampleFile("reading_list.md")),
            File.ReadAllText(BenchmarkCourse.SampleFile("papers.yaml")),
            BenchmarkCourse.Definition(new DateOnly(2025, 12, 4)));
        _reply = Answer();
        _message = DiscordReplyRenderer.Render(_reply)[0] with { Flags = MessageFlags.Ephemeral };
    }

    [Benchmark(Description = "verify Ed25519 signature")]
    public bool Verify() => _verifier.IsValid(_signature, _timestamp, _body);

    [Benchmark(Description = "parse interaction JSON")]
    public DiscordInteraction Parse() => DiscordInteraction.Parse(_body);

    [Benchmark(Description = "answer /reading week:3")]
    public Reply Answer() => CommandDispatcher.Answer(new CourseCommand.Reading(new WeekQuery.Numbered(3)), _course, BenchmarkCourse.Week3);

    [Benchmark(Description = "render embeds")]
    public IReadOnlyList<MessageBody> Render() => DiscordReplyRenderer.Render(_reply);

    [Benchmark(Description = "serialize response")]
    public byte[] Serialize() => DiscordRestClient.Json(new InteractionResponseBody(CallbackType.Message, _message), DiscordJson.Default.InteractionResponseBody);
}
