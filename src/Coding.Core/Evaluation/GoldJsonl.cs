using System.Text.Json;

namespace Coding.Core.Evaluation;

/// <summary>A gold document of our own JSONL format (see eval/README.md).</summary>
public sealed record GoldDocument(string ExternalId, string Note, IReadOnlyList<GoldCode> Codes);

/// <summary>A gold code with the spans of <see cref="GoldDocument.Note"/> that support it (may be empty).</summary>
public sealed record GoldCode(string System, string Code, IReadOnlyList<GoldSpan> Spans);

/// <summary>[Start, End) character offsets into the note.</summary>
public readonly record struct GoldSpan(int Start, int End);

/// <summary>
/// Reads gold sets in our JSONL format, one document per line:
/// <c>{"externalId": "...", "note": "...", "codes": [{"system": "ICD-10-CM", "code": "E11.9", "spans": [[s, e]]}]}</c>.
/// Errors name the line and the field, never the content (the note may be PHI).
/// </summary>
public static class GoldJsonl
{
    public const string Icd10Cm = "ICD-10-CM";
    public const string Icd10Pcs = "ICD-10-PCS";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed class LineDto
    {
        public string? ExternalId { get; init; }
        public string? Note { get; init; }
        public List<CodeDto?>? Codes { get; init; }
    }

    private sealed class CodeDto
    {
        public string? System { get; init; }
        public string? Code { get; init; }
        public List<int[]?>? Spans { get; init; }
    }

    public static IReadOnlyList<GoldDocument> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    public static IReadOnlyList<GoldDocument> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var documents = new List<GoldDocument>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
                continue;
            LineDto? line;
            try
            {
                line = JsonSerializer.Deserialize<LineDto>(text, Json);
            }
            catch (JsonException e)
            {
                throw new FormatException($"gold line {number}: malformed JSON at {e.Path ?? "$"}");
            }
            documents.Add(Validate(number, line, ids));
        }
        return documents;
    }

    /// <summary>doc → codes of one system. Documents with no code of that system are kept with an empty set, so
    /// predicting one there counts as a false positive.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> ToGoldSet(IEnumerable<GoldDocument> documents, string system = Icd10Cm)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var gold = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            gold[document.ExternalId] = document.Codes
                .Where(c => string.Equals(c.System, system, StringComparison.OrdinalIgnoreCase))
                .Select(c => CodeKey.Normalize(c.Code))
                .ToHashSet(StringComparer.Ordinal);
        }
        return gold;
    }

    private static GoldDocument Validate(int number, LineDto? line, HashSet<string> ids)
    {
        if (line is null)
            throw new FormatException($"gold line {number}: expected an object");
        if (string.IsNullOrWhiteSpace(line.ExternalId))
            throw new FormatException($"gold line {number}: externalId is required");
        if (!ids.Add(line.ExternalId))
            throw new FormatException($"gold line {number}: externalId repeats an earlier line");
        if (line.Note is null)
            throw new FormatException($"gold line {number}: note is required");
        var codes = new List<GoldCode>();
        for (var c = 0; c < (line.Codes?.Count ?? 0); c++)
        {
            var code = line.Codes![c] ?? throw new FormatException($"gold line {number}: codes[{c}] is null");
            if (string.IsNullOrWhiteSpace(code.System) || string.IsNullOrWhiteSpace(code.Code))
                throw new FormatException($"gold line {number}: codes[{c}] needs system and code");
            var spans = new List<GoldSpan>();
            for (var s = 0; s < (code.Spans?.Count ?? 0); s++)
            {
                var span = code.Spans![s];
                if (span is not [var start, var end] || start < 0 || end <= start || end > line.Note.Length)
                    throw new FormatException($"gold line {number}: codes[{c}].spans[{s}] must be [start, end) inside the note");
                spans.Add(new GoldSpan(start, end));
            }
            codes.Add(new GoldCode(code.System.Trim(), CodeKey.Normalize(code.Code), spans));
        }
        return new GoldDocument(line.ExternalId, line.Note, codes);
    }
}
