using Coding.Core.Codebooks.Retrieval;
using Coding.Core.Engine;
using Coding.Core.Model;
using Coding.Core.Suggestions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coding.Core.Adjudication;

/// <summary>
/// The engine the worker runs when <c>Model:Backend</c> is not <c>none</c>: the deterministic engine proposes
/// candidates and the note's sentences, the configured <see cref="IAdjudicator"/> chooses among them, and the choice
/// is checked again (<see cref="AdjudicatedSuggestions"/>). Whenever the model's answer cannot be used — timeout,
/// failure, invalid output, endpoint refused — the deterministic suggestions stand, and every suggestion and the set
/// say which happened and why.
/// </summary>
public sealed class AdjudicatedEngine(
    DeterministicEngine inner,
    IAdjudicator adjudicator,
    AdjudicationBackend backend,
    IServiceScopeFactory scopes,
    IOptions<ModelOptions> options,
    ILogger<AdjudicatedEngine> logger) : ISuggestionEngine
{
    public string Name => $"{inner.Name}+{backend.Name}";
    public string Version => $"{inner.Version}/{AdjudicationPrompt.Version}";

    public async Task<EngineResult> SuggestAsync(EncounterNote note, CancellationToken ct)
    {
        var proposal = await inner.ProposeAsync(note, options.Value.MaxCandidates, ct);
        var request = AdjudicatedSuggestions.Request(note, proposal, await GuidelinesAsync(proposal.Candidates, note.DateOfService, ct));
        var result = await adjudicator.AdjudicateAsync(request, ct);

        var provenance = result.Provenance;
        if (!result.FellBack)
        {
            var (drafts, error) = AdjudicatedSuggestions.Apply(note.Text, proposal, result);
            if (drafts is not null)
                return new EngineResult(proposal.Result.CodebookVersion, drafts, provenance);
            logger.LogWarning("Adjudication of encounter {EncounterId} rejected after validation, deterministic result used: {Error}", note.EncounterId, error);
            provenance = provenance with { Fallback = new AdjudicationFallback(FallbackReason.InvalidOutput, error!) };
        }
        // The adjudicator's own fallback keeps every candidate; the pipeline's deterministic result is the thresholded one.
        var deterministic = proposal.Result.Suggestions
            .Select(d => d with { Provenance = AdjudicatedSuggestions.WithAdjudication(d.Provenance, provenance, d.Confidence) })
            .ToList();
        return new EngineResult(proposal.Result.CodebookVersion, deterministic, provenance);
    }

    /// <summary>
    /// For the most confident candidates, best first: the Official Guidelines section that governs the code (the one the
    /// review UI shows first, <see cref="CodebookSearch.GuidelinesForCodeAsync"/>), then the Tabular instructions
    /// (Excludes1/2, code first, use additional) on it, shortened. The retrieval is by code, so no note text goes into
    /// a query, and the budget keeps small context windows usable.
    /// </summary>
    private async Task<IReadOnlyList<GuidelineSnippet>> GuidelinesAsync(
        IReadOnlyList<SuggestionDraft> candidates, DateOnly date, CancellationToken ct)
    {
        var max = options.Value.MaxGuidelines;
        if (max == 0 || candidates.Count == 0)
            return [];
        await using var scope = scopes.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<CodebookSearch>();
        var snippets = new List<GuidelineSnippet>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Confidence).Take(max))
        {
            var governing = (await search.GuidelinesForCodeAsync(candidate.CodeSystem, candidate.Code, date, 1, ct))
                .FirstOrDefault(g => g.Source == Codebooks.GuidelineSource.OfficialGuidelines);
            if (governing is not null && snippets.All(s => s.Id != governing.SectionPath))
            {
                var section = governing.Text.Length <= 400 ? governing.Text : governing.Text[..400] + "…";
                snippets.Add(new GuidelineSnippet(governing.SectionPath, section));
                if (snippets.Count >= max)
                    return snippets;
            }
            foreach (var n in await search.NotesAsync(candidate.Code, ct))
            {
                if (snippets.Count >= max)
                    return snippets;
                var text = n.Text.Length <= 240 ? n.Text : n.Text[..240] + "…";
                if (snippets.All(s => s.Text != text))
                    snippets.Add(new GuidelineSnippet($"{n.Code} {n.Kind}", text));
            }
        }
        return snippets;
    }
}
