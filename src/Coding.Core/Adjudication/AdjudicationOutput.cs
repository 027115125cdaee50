using System.Text.Json;

namespace Coding.Core.Adjudication;

/// <summary>
/// Validates a model's answer again after generation — constrained decoding is a guarantee only for our own llama
/// backend, not for a remote server — and turns it into codes. Any breach rejects the whole answer: a half-trusted
/// answer is worse than the deterministic one.
/// </summary>
public static class AdjudicationOutput
{
    public sealed record Parsed(IReadOnlyList<AdjudicatedCode>? Codes, string? Error)
    {
        public bool IsValid => Error is null;
    }

    public static Parsed Parse(string text, AdjudicationRequest request, IReadOnlyList<int> shownSentenceIds, AdjudicationPrompt.Limits limits)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return Fail($"not JSON ({e.Message.Split('.')[0]})");
        }
        using (doc)
        {
            try
            {
                return Check(doc.RootElement, request, shownSentenceIds, limits);
            }
            catch (InvalidOperationException)
            {
                // e.g. a \ud800 escape: valid JSON syntax, but not a string .NET (or a coder) can read.
                return Fail("a string is not valid text");
            }
        }
    }

    private static Parsed Check(JsonElement root, AdjudicationRequest request, IReadOnlyList<int> shownSentenceIds, AdjudicationPrompt.Limits limits)
    {
        if (root.ValueKind != JsonValueKind.Object || !OnlyKeys(root, "codes") || !root.TryGetProperty("codes", out var codes) || codes.ValueKind != JsonValueKind.Array)
            return Fail("the answer must be an object with one array property 'codes'");
        var candidates = request.Candidates.GroupBy(c => c.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        if (codes.GetArrayLength() > Math.Min(limits.MaxCodes, candidates.Count))
            return Fail($"more than {Math.Min(limits.MaxCodes, candidates.Count)} codes");
        if (codes.GetArrayLength() < Math.Min(limits.MinCodes, Math.Min(limits.MaxCodes, candidates.Count)))
            return Fail($"fewer than {limits.MinCodes} codes");
        var shown = shownSentenceIds.ToHashSet();
        var result = new List<AdjudicatedCode>();
        foreach (var item in codes.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !OnlyKeys(item, "code", "evidence", "confidence", "rationale"))
                return Fail("each code must be an object with code, evidence, confidence, rationale");
            if (!item.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String || !candidates.TryGetValue(code.GetString()!, out var candidate))
                return Fail("a code is not one of the candidates");
            if (!item.TryGetProperty("evidence", out var evidence) || evidence.ValueKind != JsonValueKind.Array
                || evidence.GetArrayLength() is 0 || evidence.GetArrayLength() > limits.MaxEvidencePerCode)
                return Fail($"code {candidate.Code}: evidence must list 1..{limits.MaxEvidencePerCode} sentence ids");
            var ids = new List<int>();
            foreach (var e in evidence.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var id) || !shown.Contains(id))
                    return Fail($"code {candidate.Code}: evidence names a sentence that was not shown");
                ids.Add(id);
            }
            if (!item.TryGetProperty("confidence", out var confidence) || confidence.ValueKind != JsonValueKind.Number
                || !confidence.TryGetDouble(out var c) || c is < 0 or > 1 || double.IsNaN(c))
                return Fail($"code {candidate.Code}: confidence must be a number in 0..1");
            // maxLength counts characters (code points), as JSON Schema and the grammar do, not UTF-16 units.
            if (!item.TryGetProperty("rationale", out var rationale) || rationale.ValueKind != JsonValueKind.String
                || rationale.GetString()!.EnumerateRunes().Count() > limits.RationaleMaxLength)
                return Fail($"code {candidate.Code}: rationale must be a string of at most {limits.RationaleMaxLength} characters");
            // A repeated code is redundant, not wrong: the schema cannot forbid it, so keep the first mention.
            if (result.Any(r => r.Code == candidate.Code))
                continue;
            result.Add(new AdjudicatedCode(candidate.System, candidate.Code, ids.Distinct().Order().ToList(), c, rationale.GetString()!));
        }
        return new Parsed(result, null);
    }

    private static bool OnlyKeys(JsonElement obj, params string[] keys) =>
        obj.EnumerateObject().All(p => keys.Contains(p.Name)) && keys.All(k => obj.TryGetProperty(k, out _));

    private static Parsed Fail(string error) => new(null, error);
}
