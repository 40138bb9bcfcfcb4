using System.Text.Encodings.Web;
using System.Text.Json;

namespace CourseBot.Core.Replies;

/// <summary>Renders a reply as JSON: the same facts as the text, for scripts and checks.</summary>
public static class ReplyJson
{
    public static void Write(Reply reply, Stream output, bool indented = true)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("title", reply.Title);
        json.WriteBoolean("error", reply.IsError);
        json.WriteString("timeZone", reply.TimeZone.Id);
        if (reply.ReadAs is not null)
        {
            json.WriteString("readAs", reply.ReadAs);
        }

        json.WriteStartArray("blocks");
        foreach (var block in reply.Blocks)
        {
            json.WriteStartObject();
            switch (block)
            {
                case ReplyBlock.Paragraph paragraph:
                    json.WriteString("type", "paragraph");
                    json.WriteString("text", PlainTextRenderer.Line(paragraph.Spans, reply.TimeZone));
                    WriteSpans(json, paragraph.Spans);
                    break;
                case ReplyBlock.Papers papers:
                    json.WriteString("type", "papers");
                    json.WriteString("heading", papers.Heading);
                    json.WriteStartArray("papers");
                    foreach (var item in papers.Items)
                    {
                        WritePaper(json, item);
                    }

                    json.WriteEndArray();
                    break;
                case ReplyBlock.Schedule schedule:
                    json.WriteString("type", "schedule");
                    json.WriteStartArray("weeks");
                    foreach (var row in schedule.Rows)
                    {
                        json.WriteStartObject();
                        json.WriteString("label", row.Label);
                        json.WriteString("start", row.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                        json.WriteString("end", row.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                        json.WriteString("title", row.Title);
                        json.WriteBoolean("holiday", row.IsHoliday);
                        json.WriteBoolean("current", row.IsCurrent);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    break;
                case ReplyBlock.Actions actions:
                    json.WriteString("type", "actions");
                    WriteActions(json, actions);
                    break;
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSpans(Utf8JsonWriter json, IReadOnlyList<Span> spans)
    {
        json.WriteStartArray("spans");
        foreach (var span in spans)
        {
            json.WriteStartObject();
            switch (span)
            {
                case Span.Text text:
                    json.WriteString("text", text.Value);
                    if (text.Bold)
                    {
                        json.WriteBoolean("bold", true);
                    }

                    break;
                case Span.Link link:
                    json.WriteString("text", link.Label);
                    json.WriteString("url", link.Url);
                    break;
                case Span.Moment moment:
                    json.WriteString("time", IsoTime.WithOffset(moment.At));
                    break;
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Each button and menu with the command text it runs.</summary>
    private static void WriteActions(Utf8JsonWriter json, ReplyBlock.Actions actions)
    {
        json.WriteStartArray("actions");
        foreach (var action in actions.Items)
        {
            json.WriteStartObject();
            switch (action)
            {
                case ReplyAction.Button button:
                    json.WriteString("type", "button");
                    json.WriteString("label", button.Label);
                    json.WriteString("command", button.Command);
                    break;
                case ReplyAction.Select select:
                    json.WriteString("type", "select");
                    json.WriteString("placeholder", select.Placeholder);
                    json.WriteStartArray("options");
                    foreach (var option in select.Options)
                    {
                        json.WriteStartObject();
                        json.WriteString("label", option.Label);
                        json.WriteString("description", option.Description);
                        json.WriteString("command", option.Command);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    break;
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WritePaper(Utf8JsonWriter json, PaperItem item)
    {
        json.WriteStartObject();
        json.WriteString("key", item.Paper.Key.Length == 0 ? null : item.Paper.Key);
        json.WriteString("title", item.Paper.Title);
        json.WriteString("url", item.Paper.Url);
        json.WriteString("authors", item.Paper.Authors);
        json.WriteString("venue", item.Paper.Venue);
        json.WriteBoolean("required", item.Requirement.IsRequired);
        json.WriteString("label", item.Requirement.Label);
        json.WriteString("note", item.Note);
        json.WriteString("where", item.Where);
        json.WriteEndObject();
    }
}
