using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Slack.Wire;
using CourseBot.Bot.Tests.Specs;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>
/// Every kind of body CourseBot sends Slack, serialised from the wire records: Web API bodies against the
/// stored spec's parameters, Block Kit objects against the fields Slack documents for their type, and a
/// few whole bodies against JSON written out from Slack's documentation.
/// </summary>
public sealed class SlackWireTests
{
    /// <summary>
    /// Fields per Block Kit <c>type</c>, from api.slack.com/reference/block-kit (blocks, block elements,
    /// composition objects, views), written out here so a misnamed property in a record cannot pass.
    /// </summary>
    private static readonly Dictionary<string, (string[] Allowed, string[] Required)> BlockKit = new()
    {
        ["header"] = (["type", "text", "block_id"], ["text"]),
        ["section"] = (["type", "text", "fields", "accessory", "block_id", "expand"], []),
        ["divider"] = (["type", "block_id"], []),
        ["actions"] = (["type", "elements", "block_id"], ["elements"]),
        ["button"] = (["type", "text", "action_id", "url", "value", "style", "confirm", "accessibility_label"], ["text"]),
        ["static_select"] = (["type", "action_id", "placeholder", "options", "option_groups", "initial_option", "confirm", "focus_on_load"], ["options"]),
        ["plain_text"] = (["type", "text", "emoji"], ["text"]),
        ["mrkdwn"] = (["type", "text", "verbatim"], ["text"]),
        ["home"] = (["type", "blocks", "private_metadata", "callback_id", "external_id"], ["blocks"]),
    };

    /// <summary>
    /// Fields of a slash command answer or a <c>response_url</c> message
    /// (api.slack.com/interactivity/handling#message_responses).
    /// </summary>
    private static readonly string[] ResponseFields = ["text", "blocks", "attachments", "response_type", "replace_original", "delete_original", "thread_ts", "mrkdwn"];

    private static readonly Dictionary<string, string[]> NewerParameters = new()
    {
        ["chat.postMessage"] = ["metadata"],
        ["conversations.history"] = ["include_all_metadata"],
    };

    [Fact]
    public void Every_web_api_body_names_only_parameters_of_its_method_and_gives_the_required_ones()
    {
        var message = SlackReplyRenderer.Render(Everything())[0];
        var bodies = new (string Method, JsonObject Body)[]
        {
            ("chat.postMessage", Json(new PostMessageRequest("C0COURSE", message.Text, message.Blocks, new MessageMetadata(SlackApiClient.PostEventType, new PostKeyPayload("k1"))), SlackJson.Default.PostMessageRequest)),
            ("conversations.history", Json(new HistoryRequest("C0COURSE", 50, IncludeAllMetadata: true), SlackJson.Default.HistoryRequest)),
            ("views.publish", Json(new PublishViewRequest("U0STUDENT", new HomeView(message.Blocks)), SlackJson.Default.PublishViewRequest)),
            ("auth.test", Json(NoArguments.Instance, SlackJson.Default.NoArguments)),
        };

        var spec = OpenApiSpec.Load("slack-web-openapi-v2.json");
        foreach (var (method, body) in bodies)
        {
            // The stored spec lists the read methods under GET; CourseBot POSTs them as form fields, which Slack accepts.
            var operation = spec.Operation("/" + method, "post") ?? spec.Operation("/" + method, "get") ?? throw new InvalidOperationException($"{method} is not in the spec");
            var parameters = operation.GetProperty("parameters").EnumerateArray()
                .Where(p => p.GetProperty("name").GetString() != "token")
                .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.TryGetProperty("required", out var r) && r.GetBoolean());
            var known = parameters.Keys.Concat(NewerParameters.GetValueOrDefault(method, [])).ToHashSet();
            Assert.All(body.Select(p => p.Key), name => Assert.True(known.Contains(name), $"{method}: '{name}' is not a parameter"));
            Assert.All(parameters.Where(p => p.Value).Select(p => p.Key), name => Assert.True(body.ContainsKey(name), $"{method}: '{name}' is required"));
            Assert.Empty(BlockKitProblems(body, method));
        }
    }

    [Fact]
    public void Every_block_and_answer_body_uses_the_fields_block_kit_documents()
    {
        var reply = Everything();
        var answers = SlackCommandHandler.Bodies(reply, isPrivate: true, "/coursebot reading week 3")
            .Concat(SlackCommandHandler.Bodies(reply, isPrivate: false, shareLine: null))
            .Append(SlackResponse.Private("Working on /reading…"))
            .Append(SlackResponse.DeleteTheOriginal)
            .Select(b => b.Json())
            .ToList();
        var kinds = new HashSet<string>();
        foreach (var answer in answers)
        {
            Assert.All(answer.Select(p => p.Key), name => Assert.Contains(name, ResponseFields));
            Assert.Empty(BlockKitProblems(answer, "answer", kinds));
        }

        var view = Json(new HomeView([DividerBlock.Instance, .. SlackReplyRenderer.Blocks(reply)]), SlackJson.Default.HomeView);
        Assert.Empty(BlockKitProblems(view, "view", kinds));

        // Every type the records can write was seen, so none went unchecked.
        Assert.Equal(BlockKit.Keys.Order(), kinds.Order());
    }

    [Fact]
    public void A_private_answer_with_its_share_button_is_the_json_block_kit_documents()
    {
        var reply = new Reply("Week 3", [new ReplyBlock.Paragraph(new Span.Text("Read the papers"))], TimeZoneInfo.Utc);

        var body = Assert.Single(SlackCommandHandler.Bodies(reply, isPrivate: true, "/coursebot reading week 3"));

        AssertJson(
            """
            {"response_type": "ephemeral", "text": "Week 3", "blocks": [
              {"type": "header", "text": {"type": "plain_text", "text": "Week 3", "emoji": true}},
              {"type": "section", "text": {"type": "mrkdwn", "text": "Read the papers"}},
              {"type": "actions", "elements": [
                {"type": "button", "action_id": "coursebot_share", "text": {"type": "plain_text", "text": "Share in channel"}, "value": "/coursebot reading week 3"}]}]}
            """,
            body.Json());
    }

    [Fact]
    public void A_button_and_a_select_are_the_actions_block_block_kit_documents()
    {
        var reply = new Reply("Week 3", [new ReplyBlock.Actions(
            new ReplyAction.Button("Lead a paper", "/reading week 3"),
            new ReplyAction.Select("Choose a paper", [new ReplyOption("HybridFlow", "Tue Sep 9", "/paper hybridflow"), new ReplyOption("DistServe", null, "/paper distserve-osdi24")]))], TimeZoneInfo.Utc);

        var message = Assert.Single(SlackReplyRenderer.Render(reply));

        AssertJson(
            """
            [{"type": "header", "text": {"type": "plain_text", "text": "Week 3", "emoji": true}},
             {"type": "actions", "elements": [
               {"type": "button", "action_id": "coursebot_command_0", "text": {"type": "plain_text", "text": "Lead a paper", "emoji": true}, "value": "/reading week 3"},
               {"type": "static_select", "action_id": "coursebot_command_1", "placeholder": {"type": "plain_text", "text": "Choose a paper", "emoji": true}, "options": [
                 {"text": {"type": "plain_text", "text": "HybridFlow", "emoji": true}, "value": "/paper hybridflow", "description": {"type": "plain_text", "text": "Tue Sep 9", "emoji": true}},
                 {"text": {"type": "plain_text", "text": "DistServe", "emoji": true}, "value": "/paper distserve-osdi24"}]}]}]
            """,
            JsonSerializer.SerializeToNode(message.Blocks, SlackJson.Default.IReadOnlyListBlock)!);
        Assert.Empty(FakeSlack.BlockProblems(JsonSerializer.SerializeToNode(message.Blocks, SlackJson.Default.IReadOnlyListBlock)!.AsArray(), FakeSlack.MessageBlocks));
    }

    [Fact]
    public void Many_buttons_and_options_stay_within_block_kits_limits()
    {
        var buttons = Enumerable.Range(1, 30).Select(i => (ReplyAction)new ReplyAction.Button(new string('B', 100), $"/reading week {i % 4}"));
        var menu = new ReplyAction.Select(new string('P', 200), [.. Enumerable.Range(1, 130).Select(i => new ReplyOption(i == 1 ? new string('L', 100) : $"Paper {i}", i == 1 ? new string('D', 100) : null, i == 1 ? "/paper " + new string('x', 160) + i : i % 2 == 0 ? "/schedule" : $"/reading week {i}"))]);

        var messages = SlackReplyRenderer.Render(new Reply("Week 3", [new ReplyBlock.Actions([.. buttons, menu])], TimeZoneInfo.Utc));

        foreach (var message in messages)
        {
            var blocks = JsonSerializer.SerializeToNode(message.Blocks, SlackJson.Default.IReadOnlyListBlock)!.AsArray();
            Assert.Empty(FakeSlack.BlockProblems(blocks, FakeSlack.MessageBlocks));
            Assert.Empty(BlockKitProblems(blocks, "blocks"));
            var actionIds = blocks.SelectMany(b => b?["elements"]?.AsArray() ?? []).Select(e => e!["action_id"]!.GetValue<string>()).ToArray();
            Assert.Equal(actionIds.Length, actionIds.Distinct().Count());
        }

        var elements = messages.SelectMany(m => m.Blocks).OfType<ActionsBlock>().SelectMany(b => b.Elements).ToArray();
        Assert.Equal(30, elements.OfType<ButtonElement>().Count());
        var selects = elements.OfType<StaticSelectElement>().ToArray();
        Assert.Equal([100, 30], selects.Select(s => s.Options.Count));
        // Values over 150 characters travel compacted, and come back whole.
        var compact = selects[0].Options[0].Value;
        Assert.StartsWith("~", compact);
        Assert.Equal("/paper " + new string('x', 160) + 1, CourseBot.Bot.Rendering.ActionCommand.Decode(compact));
    }

    [Fact]
    public void A_view_leaves_buttons_out_since_a_click_there_could_not_be_answered_privately()
    {
        var reply = new Reply("Week 3", [new ReplyBlock.Paragraph(new Span.Text("Read")), new ReplyBlock.Actions(new ReplyAction.Button("Lead a paper", "/reading week 3"))], TimeZoneInfo.Utc);

        Assert.DoesNotContain(SlackReplyRenderer.Blocks(reply), b => b is ActionsBlock);
        Assert.Contains(SlackReplyRenderer.Render(reply)[0].Blocks, b => b is ActionsBlock);
    }

    [Fact]
    public void A_post_carries_its_key_in_metadata_and_turns_previews_off()
    {
        var body = new PostMessageRequest("C0COURSE", "Week 3", [DividerBlock.Instance], new MessageMetadata(SlackApiClient.PostEventType, new PostKeyPayload("k1")));

        AssertJson(
            """
            {"channel": "C0COURSE", "text": "Week 3", "blocks": [{"type": "divider"}], "unfurl_links": false, "unfurl_media": false,
             "metadata": {"event_type": "coursebot_post", "event_payload": {"post_key": "k1"}}}
            """,
            Json(body, SlackJson.Default.PostMessageRequest));
        Assert.False(Json(body with { Metadata = null }, SlackJson.Default.PostMessageRequest).ContainsKey("metadata"));
    }

    [Fact]
    public void Socket_mode_acks_and_answers_are_the_envelopes_slack_documents()
    {
        AssertJson("""{"envelope_id": "e1"}""", Json(new SocketModeAck("e1"), SlackJson.Default.SocketModeAck));
        AssertJson(
            """{"envelope_id": "e2", "payload": {"response_type": "ephemeral", "text": "Working on /reading…"}}""",
            Json(new SocketModeAck("e2", SlackResponse.Private("Working on /reading…")), SlackJson.Default.SocketModeAck));
        AssertJson("""{"delete_original": true}""", SlackResponse.DeleteTheOriginal.Json());
        AssertJson("""{"challenge": "c-123"}""", Json(new UrlVerificationAnswer("c-123"), SlackJson.Default.UrlVerificationAnswer));
        AssertJson("{}", Json(NoArguments.Instance, SlackJson.Default.NoArguments));
    }

    [Fact]
    public void Answers_read_from_the_web_api_need_the_fields_they_are_for()
    {
        Assert.Equal("1764000000.000001", JsonSerializer.Deserialize("""{"ok": true, "ts": "1764000000.000001"}""", SlackJson.Default.PostMessageAnswer)!.Ts);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"ok": true}""", SlackJson.Default.PostMessageAnswer));

        // Other apps' metadata may have any shape; it is kept as JSON, not refused.
        var history = JsonSerializer.Deserialize("""{"ok": true, "messages": [{"ts": "1.1", "metadata": {"event_type": "x", "event_payload": {"post_key": 5}}}, {"ts": "1.2"}]}""", SlackJson.Default.HistoryAnswer)!;
        Assert.Equal(["1.1", "1.2"], history.Messages.Select(m => m.Ts));
        Assert.Equal(JsonValueKind.Object, history.Messages[0].Metadata!.Value.ValueKind);
    }

    /// <summary>A reply with every kind of block: a paragraph, papers (one required, with a note) and a schedule.</summary>
    private static Reply Everything() => new(
        "Week 3 <readings>",
        [
            new ReplyBlock.Paragraph(new Span.Text("Read these & come ready")),
            new ReplyBlock.Papers("Required", [new PaperItem(new Paper("p1", "Paper <one>", "A. Author", "SOSP 25", "https://example.org/1"), new Requirement(true, "Focus"), "sections 1-3", true, "Week 3")]),
            new ReplyBlock.Schedule([new ScheduleRow("Week 3", new DateOnly(2026, 9, 7), new DateOnly(2026, 9, 11), "Serving", false, true)]),
            new ReplyBlock.Actions(new ReplyAction.Button("Lead a paper", "/reading week 3"), new ReplyAction.Select("Choose a paper", [new ReplyOption("Paper one", "Tue Sep 8", "/paper p1")])),
        ],
        TimeZoneInfo.Utc);

    [Fact]
    public void No_slack_source_builds_json_by_hand()
    {
        // Outgoing bodies are wire records (Slack/Wire); JsonNode building needs reflection that a
        // trimmed or native build does not have (JsonArray.Add<T>). Reading incoming payloads may use it.
        var slack = Path.Combine(RepositoryRoot(), "src", "Bot", "Slack");
        var built = Directory.EnumerateFiles(slack, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (File: Path.GetRelativePath(slack, file), Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains("new JsonObject", StringComparison.Ordinal) || l.Text.Contains("new JsonArray", StringComparison.Ordinal)
                || l.Text.Contains("ToJsonString", StringComparison.Ordinal) || l.Text.Contains("DeepClone", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}");
        Assert.Empty(built);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CourseBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("CourseBot.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The same JSON, whatever the order of properties (Slack reads them by name).</summary>
    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nbut Slack would get {actual.ToJsonString()}");

    private static JsonObject Json<T>(T body, JsonTypeInfo<T> type) =>
        JsonSerializer.SerializeToNode(body, type)!.AsObject();

    /// <summary>Every object with a Block Kit <c>type</c> inside <paramref name="node"/> that has a field Slack does not document, or lacks one it requires.</summary>
    private static IEnumerable<string> BlockKitProblems(JsonNode? node, string where, HashSet<string>? kinds = null)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var problem in array.SelectMany((item, i) => BlockKitProblems(item, $"{where}[{i}]", kinds)))
                {
                    yield return problem;
                }

                break;
            case JsonObject obj:
                if (obj["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String)
                {
                    var name = type.GetValue<string>();
                    kinds?.Add(name);
                    if (!BlockKit.TryGetValue(name, out var fields))
                    {
                        yield return $"{where}: unknown type {name}";
                    }
                    else
                    {
                        foreach (var key in obj.Select(p => p.Key).Where(k => !fields.Allowed.Contains(k)))
                        {
                            yield return $"{where}: '{key}' is not a field of {name}";
                        }

                        foreach (var key in fields.Required.Where(k => !obj.ContainsKey(k)))
                        {
                            yield return $"{where}: {name} needs '{key}'";
                        }
                    }
                }

                foreach (var problem in obj.Where(p => p.Key != "metadata").SelectMany(p => BlockKitProblems(p.Value, $"{where}.{p.Key}", kinds)))
                {
                    yield return problem;
                }

                break;
        }
    }
}
