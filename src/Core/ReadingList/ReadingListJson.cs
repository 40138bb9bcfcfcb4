using System.Text.Encodings.Web;
using System.Text.Json;

namespace CourseBot.Core.ReadingList;

/// <summary>
/// The reading list as JSON for <c>coursebot export</c>: sections of entries with the source strings,
/// and every diagnostic. Absent values are <c>null</c>.
/// </summary>
public static class ReadingListJson
{
    public static void Write(CourseReadingList list, Stream output, bool indented = true)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartArray("sections");
        foreach (var topic in list.Topics)
        {
            json.WriteStartObject();
            json.WriteString("part", topic.Part?.Heading);
            json.WriteString("topic", topic.Heading);
            json.WriteStartArray("entries");
            foreach (var reading in topic.Readings)
            {
                json.WriteStartObject();
                json.WriteString("key", reading.Key);
                json.WriteString("title", reading.Paper.Title);
                json.WriteString("url", reading.Paper.Url);
                json.WriteString("authors", reading.Paper.Authors);
                json.WriteString("venue", reading.Paper.Venue);
                json.WriteBoolean("required", reading.Requirement.IsRequired);
                json.WriteString("label", reading.Requirement.Label);
                json.WriteString("note", reading.Note);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("diagnostics");
        foreach (var diagnostic in list.Diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("path", diagnostic.Location.Path);
            json.WriteNumber("line", diagnostic.Location.Line);
            json.WriteNumber("column", diagnostic.Location.Column);
            json.WriteString("severity", diagnostic.Severity == Severity.Error ? "error" : "warning");
            json.WriteString("message", diagnostic.Hint is null ? diagnostic.Message : $"{diagnostic.Message}; {diagnostic.Hint}");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
