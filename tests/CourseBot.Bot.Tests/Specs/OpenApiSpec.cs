using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CourseBot.Bot.Tests.Specs;

/// <summary>
/// An OpenAPI 3.1 document from <c>shared/specs</c>, and a JSON Schema check of request bodies against
/// it: the keywords Discord's and Slack's specs use ($ref, type, properties, required,
/// additionalProperties, items, enum, const, oneOf/anyOf/allOf, lengths, counts, ranges, pattern).
/// </summary>
public sealed class OpenApiSpec
{
    private static readonly Dictionary<string, OpenApiSpec> Loaded = new(StringComparer.Ordinal);
    private readonly JsonDocument _document;

    private OpenApiSpec(JsonDocument document) => _document = document;

    public static OpenApiSpec Load(string fileName)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(fileName, out var spec))
            {
                spec = new OpenApiSpec(JsonDocument.Parse(File.ReadAllBytes(SpecPath(fileName))));
                Loaded[fileName] = spec;
            }

            return spec;
        }
    }

    /// <summary>The operation for a path template and method, or null when the spec has none.</summary>
    public JsonElement? Operation(string template, string method) =>
        _document.RootElement.GetProperty("paths").TryGetProperty(template, out var path) && path.TryGetProperty(method.ToLowerInvariant(), out var operation)
            ? operation
            : null;

    /// <summary>Every way <paramref name="body"/> breaks the operation's JSON request schema; empty when valid.</summary>
    public IReadOnlyList<string> CheckJsonBody(string template, string method, JsonElement body)
    {
        if (Operation(template, method) is not { } operation)
        {
            return [$"{method} {template} is not in the spec"];
        }

        if (!operation.TryGetProperty("requestBody", out var requestBody)
            || !requestBody.GetProperty("content").TryGetProperty("application/json", out var json))
        {
            return [$"{method} {template} takes no JSON body"];
        }

        var errors = new List<string>();
        Check(json.GetProperty("schema"), body, "$", errors);
        return errors;
    }

    /// <summary>Checks a value against a schema (a fragment of this document).</summary>
    public IReadOnlyList<string> Check(JsonElement schema, JsonElement value)
    {
        var errors = new List<string>();
        Check(schema, value, "$", errors);
        return errors;
    }

    public JsonElement Schema(string name) => _document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private void Check(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(Resolve(reference.GetString()!), value, at, errors);
        }

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            errors.Add($"{at}: {value.ValueKind} where the spec wants {type.GetRawText()}");
            return;
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{at}: {value.GetRawText()} is not {constant.GetRawText()}");
        }

        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, value)))
        {
            errors.Add($"{at}: {value.GetRawText()} is not one of {options.GetRawText()}");
        }

        CheckCombinators(schema, value, at, errors);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(schema, value, at, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, value, at, errors);
                break;
            case JsonValueKind.String:
                CheckString(schema, value.GetString()!, at, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(schema, value, at, errors);
                break;
        }
    }

    private void CheckCombinators(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                Check(part, value, at, errors);
            }
        }

        if (schema.TryGetProperty("anyOf", out var any) && !any.EnumerateArray().Any(part => Check(part, value).Count == 0))
        {
            errors.Add($"{at}: matches none of anyOf ({Closest(any, value)})");
        }

        if (schema.TryGetProperty("oneOf", out var one))
        {
            var matches = one.EnumerateArray().Count(part => Check(part, value).Count == 0);
            if (matches != 1)
            {
                errors.Add($"{at}: matches {matches} of oneOf, exactly one wanted ({Closest(one, value)})");
            }
        }
    }

    /// <summary>The errors of the alternative that came closest, so a failure says what to fix.</summary>
    private string Closest(JsonElement alternatives, JsonElement value) =>
        string.Join("; ", alternatives.EnumerateArray().Select(a => Check(a, value)).OrderBy(e => e.Count).First().Take(3));

    private void CheckObject(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(name => !value.TryGetProperty(name, out _)))
            {
                errors.Add($"{at}: '{name}' is required");
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(propertySchema, property.Value, $"{at}.{property.Name}", errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{at}: '{property.Name}' is not a property the spec knows");
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(additional, property.Value, $"{at}.{property.Name}", errors);
                }
            }
        }

        Count(schema, value.EnumerateObject().Count(), "minProperties", "maxProperties", "properties", at, errors);
    }

    private void CheckArray(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        var index = 0;
        if (schema.TryGetProperty("items", out var items))
        {
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{at}[{index++}]", errors);
            }
        }

        Count(schema, value.GetArrayLength(), "minItems", "maxItems", "items", at, errors);
    }

    private static void CheckString(JsonElement schema, string text, string at, List<string> errors)
    {
        // JSON Schema counts code points.
        var length = text.EnumerateRunes().Count();
        Count(schema, length, "minLength", "maxLength", "characters", at, errors);
        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!))
        {
            errors.Add($"{at}: '{text}' does not match {pattern.GetString()}");
        }
    }

    private static void CheckNumber(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        var number = value.GetDecimal();
        if (schema.TryGetProperty("minimum", out var min) && number < min.GetDecimal())
        {
            errors.Add($"{at}: {number} is below {min.GetRawText()}");
        }

        if (schema.TryGetProperty("maximum", out var max) && number > max.GetDecimal())
        {
            errors.Add($"{at}: {number} is above {max.GetRawText()}");
        }
    }

    private static void Count(JsonElement schema, int count, string minimum, string maximum, string what, string at, List<string> errors)
    {
        if (schema.TryGetProperty(minimum, out var min) && count < min.GetInt32())
        {
            errors.Add($"{at}: {count} {what}, at least {min.GetInt32()} wanted");
        }

        if (schema.TryGetProperty(maximum, out var max) && count > max.GetInt32())
        {
            errors.Add($"{at}: {count} {what}, at most {max.GetInt32()} allowed");
        }
    }

    private static bool TypeMatches(JsonElement type, JsonElement value) => type.ValueKind == JsonValueKind.Array
        ? type.EnumerateArray().Any(t => TypeMatches(t.GetString()!, value))
        : TypeMatches(type.GetString()!, value);

    private static bool TypeMatches(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d),
        _ => true,
    };

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"only local references are followed: {reference}");
        }

        var node = _document.RootElement;
        foreach (var part in reference[2..].Split('/'))
        {
            node = node.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return node;
    }

    private static string SpecPath(string fileName)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "specs", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"shared/specs/{fileName} not found above {AppContext.BaseDirectory}");
    }
}
