using Coding.Core.Audit;
using Coding.Core.Autonomy;
using Coding.Core.Encounters;
using Coding.Core.Ingest;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coding.IntegrationTests.Autonomy;

/// <summary>
/// Autonomous finalization through the real worker, queue and database: with autonomy on and outpatient families I
/// and E proven at 0.90, an encounter whose every suggestion clears 0.90 is finalized by <c>autonomous</c> (audited,
/// codes accepted, reopenable); one code under its threshold, autonomy off, or the QA sample leaves it with the coders.
/// </summary>
public sealed class when_an_encounter_clears_every_autonomy_threshold(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    /// <summary>I10 at 0.97 and E11.9 at 0.95, or at 0.80 when the note says "doubtful".</summary>
    private sealed class ConfidentEngine : ISuggestionEngine
    {
        public string Name => "confident";
        public string Version => "0";

        public Task<EngineResult> SuggestAsync(EncounterNote note, CancellationToken ct) =>
            Task.FromResult(new EngineResult("2026",
            [
                new SuggestionDraft(CodeSystem.Icd10Cm, "I10", "2026", "Essential (primary) hypertension", 0.97, [new SpanDraft(0, 10, null)], "{}", DiagnosisRole.FirstListed),
                new SuggestionDraft(CodeSystem.Icd10Cm, "E119", "2026", "Type 2 diabetes mellitus without complications",
                    note.Text.Contains("doubtful", StringComparison.Ordinal) ? 0.80 : 0.95, [new SpanDraft(0, 10, null)], "{}"),
            ]));
    }

    private static Dictionary<string, string?> Autonomy(double qaRate) => new()
    {
        ["Autonomy:Enabled"] = "true",
        ["Autonomy:QaSampleRate"] = qaRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Autonomy:Thresholds:0:Setting"] = "outpatient",
        ["Autonomy:Thresholds:0:Family"] = "I",
        ["Autonomy:Thresholds:0:Threshold"] = "0.90",
        ["Autonomy:Thresholds:1:Setting"] = "outpatient",
        ["Autonomy:Thresholds:1:Family"] = "E",
        ["Autonomy:Thresholds:1:Threshold"] = "0.90",
    };

    private static ValidEncounter Outpatient(string id, string text) =>
        new(id, CareSetting.Outpatient, new DateOnly(2026, 3, 2), 55, PatientSex.Male, $"ASSESSMENT: Essential hypertension. Type 2 diabetes. {text}\nPLAN: Continue lisinopril.");

    private async Task<Dictionary<string, Encounter>> RunAsync(IDictionary<string, string?>? settings, params ValidEncounter[] encounters)
    {
        var ids = (await harness.IngestAsync(encounters)).Select(r => r.EncounterId).ToList();
        using var worker = harness.CreateWorker(s => s.AddSingleton<ISuggestionEngine>(new ConfidentEngine()), settings: settings);
        await worker.StartAsync();
        var keys = ids.Select(i => i.ToString()).ToList();
        var autonomyOn = settings is not null;
        // The decision is the last write: with autonomy on wait for its audit row, off for the set itself.
        await Eventually.HoldsAsync(async () => autonomyOn
                ? await harness.QueryAsync(db => db.AuditEntries.Where(a => keys.Contains(a.EntityId) && a.Action.StartsWith("autonomy.")).Select(a => a.EntityId).Distinct().CountAsync()) == ids.Count
                : await harness.QueryAsync(db => db.Encounters.CountAsync(e => ids.Contains(e.Id) && e.Status == EncounterStatus.Coded)) == ids.Count,
            TimeSpan.FromSeconds(30), "every encounter decided");
        await worker.StopAsync();
        return await harness.QueryAsync(db => db.Encounters.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.ExternalId));
    }

    [Fact]
    public async Task it_is_finalized_by_autonomous_with_an_audit_row_and_one_code_under_its_threshold_keeps_the_other_with_a_coder()
    {
        var found = await RunAsync(Autonomy(qaRate: 0), Outpatient("AUTO-SURE", "Stable."), Outpatient("AUTO-DOUBT", "Glycemia doubtful."));

        var sure = found["AUTO-SURE"];
        Assert.Equal((EncounterStatus.Finalized, "autonomous"), (sure.Status, sure.FinalizedBy));
        Assert.NotNull(sure.FinalizedAt);
        Assert.All(await harness.QueryAsync(db => db.Suggestions.Where(s => s.EncounterId == sure.Id).ToListAsync()),
            s => Assert.Equal(SuggestionStatus.Accepted, s.Status));
        var audit = await harness.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.EntityId == sure.Id.ToString() && a.Action == "autonomy.finalize"));
        Assert.Equal(("autonomous", "system"), (audit.Actor, audit.Role));

        var doubt = found["AUTO-DOUBT"];
        Assert.Equal((EncounterStatus.Coded, null), (doubt.Status, doubt.FinalizedBy));
        var declined = await harness.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.EntityId == doubt.Id.ToString() && a.Action == "autonomy.declined"));
        Assert.Contains("\"belowthreshold\"", declined.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task with_autonomy_off_by_default_nothing_is_finalized()
    {
        var found = await RunAsync(settings: null, Outpatient("OFF-SURE", "Stable."));

        Assert.Equal(EncounterStatus.Coded, found["OFF-SURE"].Status);
        Assert.Equal(0, await harness.QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == found["OFF-SURE"].Id.ToString() && a.Action.StartsWith("autonomy."))));
    }

    [Fact]
    public async Task the_qa_sample_goes_to_a_coder_although_it_qualifies()
    {
        var found = await RunAsync(Autonomy(qaRate: 1.0), Outpatient("QA-SURE", "Stable."));

        Assert.Equal(EncounterStatus.Coded, found["QA-SURE"].Status);
        var declined = await harness.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.EntityId == found["QA-SURE"].Id.ToString() && a.Action == "autonomy.declined"));
        Assert.Contains("\"qasample\"", declined.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_coder_can_reopen_it_and_it_leaves_the_autonomous_list()
    {
        var found = await RunAsync(Autonomy(qaRate: 0), Outpatient("REOPEN-SURE", "Stable."));
        var id = found["REOPEN-SURE"].Id;
        using var host = harness.CreateWorker(settings: Autonomy(qaRate: 0));
        using (var scope = host.Services.CreateScope())
        {
            var finalizer = scope.ServiceProvider.GetRequiredService<AutonomousFinalizer>();
            Assert.Contains(id, await finalizer.ListAsync(1000, default));
            Assert.True(await finalizer.ReopenAsync(id, new Actor("coder1", "coder", "test"), default));
            Assert.DoesNotContain(id, await finalizer.ListAsync(1000, default));
        }
        var reopened = await harness.QueryAsync(db => db.Encounters.SingleAsync(e => e.Id == id));
        Assert.Equal((EncounterStatus.Coded, null), (reopened.Status, reopened.FinalizedBy));
        Assert.All(await harness.QueryAsync(db => db.Suggestions.Where(s => s.EncounterId == id).ToListAsync()), s => Assert.Equal(SuggestionStatus.Suggested, s.Status));
        Assert.Equal("coder1", (await harness.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.EntityId == id.ToString() && a.Action == "autonomy.reopen"))).Actor);
    }
}
