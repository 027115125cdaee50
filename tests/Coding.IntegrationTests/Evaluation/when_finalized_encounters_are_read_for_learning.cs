using System.Text.Json;
using Coding.Cli.Commands;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Evaluation;
using Coding.Core.Evaluation.Finalized;
using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Evaluation;

/// <summary>A site's finalized encounters as gold for learning: the codes the coder kept, read back with the note, audited.</summary>
public sealed class when_finalized_encounters_are_read_for_learning(FinalizedEncounters site) : IClassFixture<FinalizedEncounters>
{
    [Fact]
    public async Task the_gold_is_what_the_coder_kept_accepted_replacement_and_added_not_rejected_nor_modified_away()
    {
        var document = (await site.ReadAsync(since: null)).Single(d => d.ExternalId == "LEARN-1");

        // By rank, as the claim lists them: I10 (rank 2) leads, R50.2 and J18.9 took the next ranks when the coder made them.
        Assert.Equal(["I10", "R50.2", "J18.9"], document.Codes.Select(c => c.Code));
        Assert.Equal([ReviewAction.Accept, ReviewAction.Modify, ReviewAction.Add], document.Codes.Select(c => c.Decision));
        Assert.Equal([DiagnosisRole.Principal, DiagnosisRole.Secondary, DiagnosisRole.Secondary], document.Codes.Select(c => c.Role));
        Assert.Equal("R50.9", document.Codes[1].Replaced);
        Assert.Equal(new DecisionCounts(Accepted: 1, Rejected: 1, Modified: 1, Added: 1), document.Decisions);

        // The replacement keeps the evidence of the suggestion it replaced; the added code has the coder's span.
        Assert.Equal(["Essential hypertension", "Fever", "Lobar pneumonia"],
            document.Codes.Select(c => Quote(document.Text, Assert.Single(c.Evidence))));

        Assert.Equal(FinalizedEncounters.Note, document.Text);
        Assert.Equal((CareSetting.Inpatient, new DateOnly(2026, 3, 2), 61, PatientSex.Male, FinalizedEncounters.FirstFinalized),
            (document.Setting, document.DateOfService, document.PatientAgeYears, document.PatientSex, document.FinalizedAt));
        Assert.DoesNotContain(FinalizedEncounters.Note, document.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_training_document_holds_the_gold_as_comparison_keys_with_their_evidence()
    {
        var document = (await site.ReadAsync(since: null)).Single(d => d.ExternalId == "LEARN-1");

        var training = document.ToTrainingDocument();

        Assert.Equal(document.EncounterId.ToString(), training.Id);
        Assert.Equal(new[] { "I10", "J189", "R502" }, training.Gold.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "I10", "J189", "R502" }, training.Evidence!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Fever", Quote(training.Text, Assert.Single(training.Evidence["R502"])));
    }

    [Fact]
    public async Task an_outpatient_encounters_first_code_is_first_listed()
    {
        var document = (await site.ReadAsync(since: null)).Single(d => d.ExternalId == "LEARN-2");

        var code = Assert.Single(document.Codes);
        Assert.Equal(("I10", DiagnosisRole.FirstListed), (code.Code, code.Role));
        Assert.Equal(new DecisionCounts(1, 0, 0, 0), document.Decisions);
    }

    [Fact]
    public async Task only_finalized_encounters_are_read_oldest_first_and_since_leaves_out_those_finalized_before_it()
    {
        Assert.Equal(["LEARN-1", "LEARN-2"], (await site.ReadAsync(since: null)).Select(d => d.ExternalId));
        Assert.Equal(["LEARN-2"], (await site.ReadAsync(since: FinalizedEncounters.SecondFinalized)).Select(d => d.ExternalId));
        Assert.Empty(await site.ReadAsync(since: FinalizedEncounters.SecondFinalized.AddMilliseconds(1)));
    }

    [Fact]
    public async Task each_note_read_for_learning_is_audited_and_an_encounter_not_finalized_is_not_read()
    {
        var before = await LearningReadsAsync();

        await site.ReadAsync(since: null);

        var after = await LearningReadsAsync();
        int Added(string externalId) =>
            after.GetValueOrDefault(site.Encounters[externalId]) - before.GetValueOrDefault(site.Encounters[externalId]);
        Assert.Equal((1, 1, 0), (Added("LEARN-1"), Added("LEARN-2"), Added("LEARN-3")));
        Assert.False(after.ContainsKey(site.Encounters["LEARN-3"]));
    }

    [Fact]
    public async Task the_cli_reports_counts_never_note_text_and_hands_over_training_documents()
    {
        var report = new StringWriter();

        var documents = await site.WithAsync(sp => EvalLearnFinalized.LoadAsync(sp, new DateOnly(2026, 3, 1), report, default));

        Assert.Equal(2, documents!.Count);
        var text = report.ToString();
        Assert.Contains("finalized encounters since 2026-03-01: 2 (outpatient 1, inpatient 1)", text, StringComparison.Ordinal);
        Assert.Contains("gold ICD-10-CM codes: 4", text, StringComparison.Ordinal);
        Assert.Contains("accepted 2, rejected 1, modified 1, added 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hypertension", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("LEARN-", text, StringComparison.Ordinal);

        var none = new StringWriter();
        Assert.Null(await site.WithAsync(sp => EvalLearnFinalized.LoadAsync(sp, new DateOnly(2026, 4, 1), none, default)));
        Assert.Contains("no finalized encounters", none.ToString(), StringComparison.Ordinal);
    }

    private static string Quote(string text, GoldSpan span) => text[span.Start..span.End];

    private static string? Purpose(string? detail) =>
        detail is null ? null : JsonDocument.Parse(detail).RootElement.TryGetProperty("purpose", out var p) ? p.GetString() : null;

    /// <summary>Successful note reads for learning by the CLI, per encounter.</summary>
    private Task<Dictionary<Guid, int>> LearningReadsAsync() => site.WithAsync(async sp =>
        (await sp.GetRequiredService<CodingDbContext>().AuditEntries
            .Where(a => a.Action == "note.read" && a.Outcome == Core.Audit.AuditOutcome.Success).ToListAsync())
        .Where(a => Purpose(a.Detail) == "learning" && a.Actor == Core.Audit.Actor.Cli().Name)
        .GroupBy(a => Guid.Parse(a.EntityId)).ToDictionary(g => g.Key, g => g.Count()));
}
