using System.Globalization;
using System.Text.Json;
using Coding.Core.Encounters;
using Coding.Core.Suggestions;

namespace Coding.Core.Evaluation;

/// <summary>
/// A gold document of our own JSONL format (see eval/README.md). The encounter fields are optional: a set without them
/// is run with the evaluation's defaults (<c>coding eval --setting/--date</c>).
/// </summary>
public sealed record GoldDocument(string ExternalId, string Note, IReadOnlyList<GoldCode> Codes,
    CareSetting? Setting = null, DateOnly? DateOfService = null, int? PatientAge = null, PatientSex PatientSex = PatientSex.Unknown)
{
    /// <summary>The principal (inpatient) or first-listed (outpatient/ED) diagnosis, when the gold names one.</summary>
    public GoldCode? Lead => Codes.FirstOrDefault(c => c.Role is DiagnosisRole.Principal or DiagnosisRole.FirstListed);
}

/// <summary>A gold code with the spans of <see cref="GoldDocument.Note"/> that support it (may be empty), and its role on the claim.</summary>
public sealed record GoldCode(string System, string Code, IReadOnlyList<GoldSpan> Spans, DiagnosisRole Role = DiagnosisRole.Secondary);

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
        public string? Setting { get; init; }
        public string? DateOfService { get; init; }
        public int? PatientAge { get; init; }
        public string? PatientSex { get; init; }
        public List<CodeDto?>? Codes { get; init; }
    }

    private sealed class CodeDto
    {
        public string? System { get; init; }
        public string? Code { get; init; }
        public List<int[]?>? Spans { get; init; }
        public string? Role { get; init; }
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
            var role = code.Role?.Trim().ToLowerInvariant() switch
            {
                null or "" or "secondary" => DiagnosisRole.Secondary,
                "principal" => DiagnosisRole.Principal,
                "first-listed" or "firstlisted" or "first_listed" => DiagnosisRole.FirstListed,
                _ => throw new FormatException($"gold line {number}: codes[{c}].role must be principal, first-listed or secondary"),
            };
            codes.Add(new GoldCode(code.System.Trim(), CodeKey.Normalize(code.Code), spans, role));
        }
        if (codes.Count(c => c.Role != DiagnosisRole.Secondary) > 1)
            throw new FormatException($"gold line {number}: more than one code has role principal or first-listed");
        var setting = line.Setting?.Trim().ToLowerInvariant() switch
        {
            null or "" => (CareSetting?)null,
            "outpatient" or "office" or "clinic" => CareSetting.Outpatient,
            "emergency" or "ed" => CareSetting.Emergency,
            "inpatient" => CareSetting.Inpatient,
            "observation" => CareSetting.Observation,
            "professional" => CareSetting.Professional,
            _ => throw new FormatException($"gold line {number}: setting must be outpatient, emergency, inpatient, observation or professional"),
        };
        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(line.DateOfService))
        {
            if (!DateOnly.TryParseExact(line.DateOfService.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                throw new FormatException($"gold line {number}: dateOfService must be yyyy-MM-dd");
            date = parsed;
        }
        if (line.PatientAge is < 0 or > 130)
            throw new FormatException($"gold line {number}: patientAge must be 0..130");
        var sex = line.PatientSex?.Trim().ToUpperInvariant() switch
        {
            null or "" or "U" or "UNKNOWN" => PatientSex.Unknown,
            "F" or "FEMALE" => PatientSex.Female,
            "M" or "MALE" => PatientSex.Male,
            _ => throw new FormatException($"gold line {number}: patientSex must be F, M or U"),
        };
        return new GoldDocument(line.ExternalId, line.Note, codes, setting, date, line.PatientAge, sex);
    }
}
