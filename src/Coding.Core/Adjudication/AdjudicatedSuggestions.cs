using System.Text.Json.Nodes;
using Coding.Core.Engine;
using Coding.Core.Suggestions;

namespace Coding.Core.Adjudication;

/// <summary>
/// The pure half of <see cref="AdjudicatedEngine"/>: turns the deterministic engine's proposal into an adjudication
/// request, and the adjudicator's answer back into suggestion drafts — checked once more against the proposal, because
/// the pipeline stores what comes out of here. A code must be one of the candidates and every evidence sentence one of
/// the note's; evidence becomes the candidate's own matched spans inside the chosen sentences, or the chosen sentence
/// itself trimmed to its first and last word character, so each span is exactly the note substring at its offsets.
/// </summary>
public static class AdjudicatedSuggestions
{
    public static AdjudicationRequest Request(EncounterNote note, EngineProposal proposal, IReadOnlyList<GuidelineSnippet> guidelines)
    {
        var sentences = proposal.Note.Sentences
            .Select(s => new NoteSentence(s.Id, note.Text.Substring(s.Start, s.Length), s.Start, s.End))
            .ToList();
        var candidates = proposal.Candidates
            .Select(d => new CandidateCode(d.CodeSystem, d.Code, d.Description, d.Confidence,
                d.Evidence.Select(e => e.SentenceId).OfType<int>().Distinct().Order().ToList()))
            .ToList();
        return new AdjudicationRequest(note.EncounterId, note.Setting, note.DateOfService, sentences, candidates, guidelines);
    }

    /// <summary>The drafts the adjudicator chose, best first, or the reason the answer cannot be used.</summary>
    public static (IReadOnlyList<SuggestionDraft>? Drafts, string? Error) Apply(string text, EngineProposal proposal, AdjudicationResult result)
    {
        var candidates = proposal.Candidates.ToDictionary(d => (d.CodeSystem, d.Code));
        var sentences = proposal.Note.Sentences;
        var drafts = new List<SuggestionDraft>();
        foreach (var chosen in result.Codes)
        {
            if (!candidates.TryGetValue((chosen.System, chosen.Code), out var candidate))
                return (null, $"code {chosen.Code} is not a candidate");
            if (drafts.Any(d => d.Code == candidate.Code && d.CodeSystem == candidate.CodeSystem))
                continue;
            if (chosen.EvidenceSentenceIds.Count == 0)
                return (null, $"code {chosen.Code} has no evidence");
            if (double.IsNaN(chosen.Confidence) || chosen.Confidence is < 0 or > 1)
                return (null, $"code {chosen.Code} has confidence outside 0..1");
            var spans = new List<SpanDraft>();
            foreach (var id in chosen.EvidenceSentenceIds.Distinct().Order())
            {
                if (id < 0 || id >= sentences.Count)
                    return (null, $"code {chosen.Code} cites sentence {id}, which the note does not have");
                var own = candidate.Evidence.Where(e => e.SentenceId == id).ToList();
                if (own.Count > 0)
                    spans.AddRange(own);
                else if (Trimmed(text, sentences[id].Start, sentences[id].End) is { } span)
                    spans.Add(span with { SentenceId = id });
            }
            if (spans.Count == 0)
                return (null, $"code {chosen.Code} cites only sentences without words");
            drafts.Add(candidate with
            {
                Confidence = Math.Round(chosen.Confidence, 4),
                Evidence = spans.Distinct().OrderBy(s => s.Start).ToList(),
                Provenance = WithAdjudication(candidate.Provenance, result.Provenance, candidate.Confidence),
            });
        }
        return (drafts, null);
    }

    /// <summary>
    /// The deterministic provenance with the adjudication's added. The model's rationale is deliberately not stored:
    /// it is free text written after reading the note and may quote it, and provenance is stored in clear.
    /// </summary>
    public static string WithAdjudication(string provenance, AdjudicationProvenance adjudication, double deterministicConfidence)
    {
        var json = JsonNode.Parse(provenance) as JsonObject ?? new JsonObject { ["engine"] = provenance };
        json["adjudication"] = adjudication.ToJson();
        json["deterministicConfidence"] = Math.Round(deterministicConfidence, 4);
        return json.ToJsonString();
    }

    /// <summary>[start, end) narrowed to its first and last letter or digit; null when it holds none.</summary>
    internal static SpanDraft? Trimmed(string text, int start, int end)
    {
        while (start < end && !char.IsLetterOrDigit(text[start]))
            start++;
        while (end > start && !char.IsLetterOrDigit(text[end - 1]))
            end--;
        return end > start ? new SpanDraft(start, end, null) : null;
    }
}
