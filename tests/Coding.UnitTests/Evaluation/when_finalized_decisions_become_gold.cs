using System.Text.Json;
using Coding.Core.Encounters;
using Coding.Core.Evaluation.Finalized;
using Coding.Core.Suggestions;

namespace Coding.UnitTests.Evaluation;

/// <summary>How a finalized encounter's suggestions, as the review left them, become gold codes and decision counts.</summary>
public sealed class when_finalized_decisions_become_gold
{
    private static Suggestion Engine(string code, int rank, SuggestionStatus status) => new()
    {
        Id = Guid.NewGuid(), Code = code, CodebookVersion = "2026", Description = code, Rank = rank, Status = status,
        CodeSystem = CodeSystem.Icd10Cm,
        Provenance = """{"engine":"deterministic"}""", Evidence = [new EvidenceSpan { Start = rank * 10, End = rank * 10 + 5 }],
    };

    /// <summary>A coder's code as ReviewService makes it: status Added, provenance naming what it replaces, if anything.</summary>
    private static Suggestion Coder(string code, int rank, SuggestionStatus status, Suggestion? replaces)
    {
        var suggestion = Engine(code, rank, status);
        suggestion.Provenance = JsonSerializer.Serialize(new { source = "coder", reviewer = "coder", replaces = replaces?.Id });
        return suggestion;
    }

    [Fact]
    public void a_code_modified_twice_counts_two_modifications_and_only_the_last_replacement_is_gold()
    {
        var engine = Engine("R50.9", 1, SuggestionStatus.Modified);
        var first = Coder("R50.2", 2, SuggestionStatus.Modified, engine);
        var last = Coder("R50.81", 3, SuggestionStatus.Added, first);

        var (codes, decisions) = FinalizedGold.Gold(CareSetting.Emergency, [last, engine, first]);

        var code = Assert.Single(codes);
        Assert.Equal(("R50.81", ReviewAction.Modify, "R50.2", DiagnosisRole.FirstListed),
            (code.Code, code.Decision, code.Replaced, code.Role));
        Assert.Equal(new DecisionCounts(Accepted: 0, Rejected: 0, Modified: 2, Added: 0), decisions);
    }

    [Fact]
    public void a_code_the_coder_added_and_then_rejected_is_counted_rejected_and_is_not_gold()
    {
        var kept = Engine("I10", 1, SuggestionStatus.Accepted);
        var withdrawn = Coder("J18.9", 2, SuggestionStatus.Rejected, null);

        var (codes, decisions) = FinalizedGold.Gold(CareSetting.Inpatient, [withdrawn, kept]);

        Assert.Equal([("I10", DiagnosisRole.Principal)], codes.Select(c => (c.Code, c.Role)));
        Assert.Equal(new DecisionCounts(Accepted: 1, Rejected: 1, Modified: 0, Added: 0), decisions);
    }

    [Fact]
    public void an_encounter_whose_suggestions_were_all_rejected_has_no_gold_but_its_rejections_count()
    {
        var (codes, decisions) = FinalizedGold.Gold(CareSetting.Outpatient,
            [Engine("E11.9", 1, SuggestionStatus.Rejected), Engine("I10", 2, SuggestionStatus.Rejected)]);

        Assert.Empty(codes);
        Assert.Equal(new DecisionCounts(0, 2, 0, 0), decisions);
    }
}

