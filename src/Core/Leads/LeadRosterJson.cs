using System.Text.Json.Serialization;

namespace CourseBot.Core.Leads;

/// <summary>Source-generated JSON for the roster export (no reflection, so a native build writes the same).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<LeadRosterRow>))]
public sealed partial class LeadRosterJson : JsonSerializerContext;
