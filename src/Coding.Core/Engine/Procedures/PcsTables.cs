using System.Xml.Linq;

namespace Coding.Core.Engine.Procedures;

/// <summary>
/// The body-part axis (4th character) of each ICD-10-PCS Table: where the Index stops at a table ("Nephrectomy see Resection,
/// Urinary System 0TT"), the coder reads the body part from the table's rows ("Kidney, Right" → 0TT0).
/// </summary>
public sealed class PcsTables
{
    /// <summary>Table (3 characters) → its body parts: 4th character and label, in table order.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<(char Value, string Label)>> BodyParts { get; init; }

    public static PcsTables Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Parse(XDocument.Load(stream));
    }

    public static PcsTables Parse(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var tables = new Dictionary<string, IReadOnlyList<(char, string)>>(StringComparer.Ordinal);
        foreach (var table in document.Descendants("pcsTable"))
        {
            var prefix = string.Concat(Enumerable.Range(1, 3).Select(pos =>
                table.Elements("axis").First(a => (string?)a.Attribute("pos") == pos.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Element("label")!.Attribute("code")!.Value));
            var parts = table.Elements("pcsRow").SelectMany(r => r.Elements("axis").Where(a => (string?)a.Attribute("pos") == "4").Elements("label"))
                .Select(l => (l.Attribute("code")!.Value[0], l.Value.Trim())).Distinct().ToList();
            tables[prefix.ToUpperInvariant()] = tables.TryGetValue(prefix.ToUpperInvariant(), out var existing) ? [.. existing, .. parts] : parts;
        }
        return new PcsTables { BodyParts = tables };
    }
}
