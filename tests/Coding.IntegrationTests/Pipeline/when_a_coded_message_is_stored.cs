using System.Text.Json;
using Coding.Contracts;
using Coding.Core.Adjudication;
using Coding.Core.Audit;
using Coding.Core.Encounters;
using Coding.Core.Messaging;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Pipeline;

/// <summary>
/// The worker writes everything after the engine as one raw batch (claim, set, suggestions, spans, encounter, audit
/// rows, outbox row). Every row is read back through EF here, so a column the batch misses or misnames fails.
/// </summary>
public sealed class when_a_coded_message_is_stored(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 30, 0, TimeSpan.Zero);

    private static readonly AdjudicationProvenance Remote = new("openai", "tiny \"model\"", "p1", "s1", "abc123", true, null);

    /// <summary>Two codes with spans, adjudicated by an allowlisted remote endpoint (so the disclosure is audited too).</summary>
    private sealed class FixedEngine(TimeSpan delay) : ISuggestionEngine
    {
        public string Name => "fixed";
        public string Version => "9.9";

        public async Task<EngineResult> SuggestAsync(EncounterNote note, CancellationToken ct)
        {
            await Task.Delay(delay, ct);
            return new EngineResult("2026", [
                new SuggestionDraft(CodeSystem.Icd10Cm, "I10", "2026", "Essential (primary) hypertension", 0.91, [new SpanDraft(12, 34, 0)], """{"engine":"fixed"}""",
                    DiagnosisRole.Principal, PresentOnAdmission.Undetermined),
                new SuggestionDraft(CodeSystem.Icd10Cm, "E11.9", "2026", "Type 2 diabetes mellitus without complications", 0.55,
                    [new SpanDraft(45, 80, 1), new SpanDraft(0, 10, null)], """{"engine":"fixed","n":2}"""),
            ], Remote, CodingPolicy.Findings);
        }
    }

    // Built, never started: the service is called directly, as the consumer calls it.
    private Microsoft.Extensions.Hosting.IHost Worker(TimeSpan engineDelay) => harness.CreateWorker(s =>
    {
        s.AddSingleton<ISuggestionEngine>(new FixedEngine(engineDelay));
        s.AddSingleton<TimeProvider>(new FixedClock(Now));
    });

    private static async Task<SuggestOutcome> SuggestAsync(Microsoft.Extensions.Hosting.IHost worker, Guid encounterId, Guid messageId)
    {
        await using var scope = worker.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<SuggestionService>();
        return await service.SuggestAsync(new EncounterFinished(encounterId, "x", new DateOnly(2026, 3, 2)), messageId, default);
    }

    [Fact]
    public async Task every_row_reads_back_through_the_model_as_the_change_tracker_wrote_it()
    {
        var encounter = (await harness.IngestAsync(SampleEncounters.Make(1, "STORE"))).Single();
        var messageId = NewId.NextGuid();

        using (var worker = Worker(TimeSpan.Zero))
            Assert.Equal(SuggestOutcome.Coded, await SuggestAsync(worker, encounter.EncounterId, messageId));

        var stored = await harness.QueryAsync(db => db.Encounters.AsNoTracking().SingleAsync(e => e.Id == encounter.EncounterId));
        Assert.Equal(EncounterStatus.Coded, stored.Status);
        Assert.Null(stored.FailureReason);
        Assert.Equal(Now, stored.CodedAt);
        Assert.Equal(Now, stored.UpdatedAt);

        var set = await harness.QueryAsync(db => db.SuggestionSets.AsNoTracking().Include(s => s.Suggestions).ThenInclude(s => s.Evidence)
            .SingleAsync(s => s.EncounterId == encounter.EncounterId));
        Assert.Equal(messageId, set.SourceMessageId);
        Assert.Equal(("fixed", "9.9", "2026", Now), (set.Engine, set.EngineVersion, set.CodebookVersion, set.CreatedAt));
        Assert.Equal(new[] { "I10", "E11.9" }, set.Suggestions.OrderBy(s => s.Rank).Select(s => s.Code));
        Assert.Equal(CodingPolicy.Findings, set.Policy);
        Assert.Equal(new (DiagnosisRole, PresentOnAdmission?)[] { (DiagnosisRole.Principal, PresentOnAdmission.Undetermined), (DiagnosisRole.Secondary, null) },
            set.Suggestions.OrderBy(s => s.Rank).Select(s => (s.Role, s.Poa)));
        Assert.Equal(3, set.Suggestions.Sum(s => s.Evidence.Count));
        Assert.Contains(set.Suggestions.SelectMany(s => s.Evidence), e => e is { Start: 0, End: 10, SentenceId: null });

        var inbox = await harness.QueryAsync(db => db.InboxMessages.AsNoTracking().SingleAsync(i => i.MessageId == messageId));
        Assert.Equal((SuggestionService.ConsumerName, Now), (inbox.Consumer, inbox.ProcessedAt));

        var audit = await harness.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == encounter.EncounterId.ToString() && a.Actor == Actor.Worker.Name).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(new[] { "note.read", "note.sent-to-model", "suggestions.created" }, audit.Select(a => a.Action));
        Assert.All(audit, a =>
        {
            Assert.Equal((Now, "system", nameof(Encounter), AuditOutcome.Success, Actor.Worker.Origin), (a.OccurredAt, a.Role, a.EntityType, a.Outcome, a.Origin));
        });
        Assert.Null(audit[0].Detail);
        using (var sent = JsonDocument.Parse(audit[1].Detail!))
        {
            Assert.Equal(Remote.Model, sent.RootElement.GetProperty("model").GetString());
            Assert.Equal("abc123", sent.RootElement.GetProperty("promptHash").GetString());
            Assert.True(sent.RootElement.GetProperty("deidentified").GetBoolean());
        }
        using (var created = JsonDocument.Parse(audit[2].Detail!))
        {
            Assert.Equal(set.Id, created.RootElement.GetProperty("suggestionSetId").GetGuid());
            Assert.Equal(2, created.RootElement.GetProperty("count").GetInt32());
            Assert.Equal("fixed", created.RootElement.GetProperty("engine").GetString());
            Assert.Equal("openai", created.RootElement.GetProperty("adjudication").GetProperty("backend").GetString());
        }

        var outbox = await harness.QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.MessageType == typeof(CodesSuggested).FullName).ToListAsync());
        var row = Assert.Single(outbox, m => JsonSerializer.Deserialize<CodesSuggested>(m.Body, Outbox.Json)!.EncounterId == encounter.EncounterId);
        Assert.Equal((Now, (DateTimeOffset?)null, 0, (string?)null), (row.CreatedAt, row.SentAt, row.Attempts, row.LastError));
        Assert.Equal(new CodesSuggested(encounter.EncounterId, set.Id, 2, "fixed", "9.9", Now), JsonSerializer.Deserialize<CodesSuggested>(row.Body, Outbox.Json));
    }

    [Fact]
    public async Task a_duplicate_delivered_at_the_same_time_writes_nothing()
    {
        var encounter = (await harness.IngestAsync(SampleEncounters.Make(1, "TWIN"))).Single();
        var messageId = NewId.NextGuid();
        // Both deliveries pass the lookup (neither has claimed yet) and meet at the claim.
        using var worker = Worker(TimeSpan.FromMilliseconds(300));

        var outcomes = await Task.WhenAll(SuggestAsync(worker, encounter.EncounterId, messageId), SuggestAsync(worker, encounter.EncounterId, messageId));

        Assert.Equal(new[] { SuggestOutcome.Coded, SuggestOutcome.AlreadyProcessed }, outcomes.Order());
        Assert.Equal(1, await harness.QueryAsync(db => db.SuggestionSets.CountAsync(s => s.EncounterId == encounter.EncounterId)));
        Assert.Equal(1, await harness.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "suggestions.created" && a.EntityId == encounter.EncounterId.ToString())));
        Assert.Equal(1, await harness.QueryAsync(db => db.InboxMessages.CountAsync(i => i.MessageId == messageId)));
        var announced = await harness.QueryAsync(db => db.OutboxMessages.Where(m => m.MessageType == typeof(CodesSuggested).FullName).Select(m => m.Body).ToListAsync());
        Assert.Single(announced, body => JsonSerializer.Deserialize<CodesSuggested>(body, Outbox.Json)!.EncounterId == encounter.EncounterId);
    }
}
