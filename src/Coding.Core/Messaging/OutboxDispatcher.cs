using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Coding.Core.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coding.Core.Messaging;

/// <summary>
/// Publishes outbox rows to RabbitMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of hosts can run
/// a dispatcher. A row is marked sent only once the broker confirmed it (publisher confirms), in the batch's commit,
/// whatever happened to the other rows of the batch. When the database goes away between the confirms and the commit,
/// the confirmed rows are remembered and marked sent first thing once it answers, before anything is claimed again:
/// the 10,000-encounter fault bench saw up to a batch per worker re-sent by a PostgreSQL outage before that. Every
/// dispatcher back from a fault waits <see cref="MessagingOptions.OutboxSettleAfterFault"/> before claiming, so one that
/// reconnects first does not claim (and re-send) the rows a peer confirmed. Only a crash in that window (or a peer
/// slower to reconnect than the settle time) re-sends, always with the row's own MessageId, which the inbox absorbs and
/// any other subscriber de-duplicates on.
/// </summary>
/// <remarks>
/// MassTransit's own EF Core outbox (MassTransit.EntityFrameworkCore) is not obtainable from our package mirror,
/// so this is the smallest equivalent: one table, one loop, publisher confirms from MassTransit.
/// </remarks>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IBus bus,
    IOptions<MessagingOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    /// <summary>After this many failed publishes a row is left for an operator (visible in `coding status`).</summary>
    public const int MaxAttempts = 10;

    // Rows the broker confirmed whose sent_at did not reach the database (it went away before the commit), with the
    // confirm time: recorded before the next claim, so the outage does not send them again.
    private readonly ConcurrentDictionary<long, DateTimeOffset> _confirmedNotRecorded = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var recovering = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (recovering)
                {
                    // Back from a fault: record what this one had confirmed, then give the other dispatchers the same
                    // time to record theirs before claiming (they are the oldest rows, first in every claim).
                    await SettleAsync(o.OutboxSettleAfterFault, stoppingToken);
                    recovering = false;
                }

                // A claimed batch is finished even when the host stops: published rows get their sent_at instead of
                // being re-sent by the next dispatcher. Bounded by the publish timeout inside.
                var sent = await DispatchBatchAsync(o.OutboxBatchSize, CancellationToken.None);
                if (sent < o.OutboxBatchSize)
                    await Task.Delay(o.OutboxPollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (IsDispatchFault(e))
            {
                // Database or broker unavailable (or a batch outran its timeout): keep the rows, back off, try again.
                LogDispatchFailed(log, e.GetType().Name);
                recovering = true;
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        // Stopping with confirmed rows not yet recorded: one last try, or the next dispatcher sends them again.
        if (!_confirmedNotRecorded.IsEmpty)
        {
            try
            {
                using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await using var scope = scopes.CreateAsyncScope();
                await RecordConfirmedAsync(scope.ServiceProvider.GetRequiredService<CodingDbContext>(), last.Token);
            }
            catch (Exception e) when (IsDispatchFault(e))
            {
                LogDispatchFailed(log, e.GetType().Name);
            }
        }
    }

    /// <summary>Waits for the database, records the remembered confirms, then waits <paramref name="settle"/> before any claim.</summary>
    private async Task SettleAsync(TimeSpan settle, CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
            // Throws while the database is still away (a dispatch fault: back off and come here again).
            await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
            await RecordConfirmedAsync(db, ct);
        }
        if (settle > TimeSpan.Zero)
            await Task.Delay(settle, clock, ct);
    }

    /// <summary>Claims and publishes one batch; returns how many rows it handled.</summary>
    public async Task<int> DispatchBatchAsync(int batchSize, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        await RecordConfirmedAsync(db, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.OutboxMessages
            .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE sent_at IS NULL AND attempts < {MaxAttempts} ORDER BY id LIMIT {batchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        if (batch.Count == 0)
            return 0;

        // The publishes share one timeout; a publish that outlives it stays unsent (a later batch sends it) while every
        // publish the broker confirmed is marked sent and committed all the same. Before, the timeout cancelled the
        // whole batch, the transaction rolled back and every confirmed message went out again: 25-445 duplicate events
        // per run (issue 19). The commit gets its own token: cancelling it would throw away the marks of confirmed sends.
        using (var publishTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            publishTimeout.CancelAfter(options.Value.OutboxPublishTimeout);
            await Task.WhenAll(batch.Select(m => PublishAsync(m, publishTimeout.Token)));
        }
        using var commitTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await db.SaveChangesAsync(commitTimeout.Token);
            await tx.CommitAsync(commitTimeout.Token);
        }
        catch (Exception e) when (IsDispatchFault(e))
        {
            foreach (var row in batch.Where(r => r.SentAt is not null))
                _confirmedNotRecorded[row.Id] = row.SentAt!.Value;
            throw;
        }
        return batch.Count;
    }

    /// <summary>The database or broker unavailable, or a batch past its timeout: the rows stay for a later try.</summary>
    private static bool IsDispatchFault(Exception e) =>
        e is DbException or DbUpdateException or TimeoutException or InvalidOperationException or OperationCanceledException;

    /// <summary>Marks sent the rows confirmed before the database went away; they stay remembered until this succeeds.</summary>
    private async Task RecordConfirmedAsync(CodingDbContext db, CancellationToken ct)
    {
        if (_confirmedNotRecorded.IsEmpty)
            return;
        foreach (var group in _confirmedNotRecorded.ToArray().GroupBy(e => e.Value, e => e.Key))
        {
            var ids = group.ToList();
            await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.SentAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.SentAt, group.Key).SetProperty(m => m.LastError, (string?)null), ct);
            foreach (var id in ids)
                _confirmedNotRecorded.TryRemove(id, out _);
        }
    }

    private async Task PublishAsync(OutboxMessage row, CancellationToken ct)
    {
        row.Attempts++;
        var type = Outbox.ContractType(row.MessageType);
        if (type is null)
        {
            row.LastError = $"unknown message type {row.MessageType}";
            row.Attempts = MaxAttempts;
            return;
        }
        var message = JsonSerializer.Deserialize(row.Body, type, Outbox.Json)!;
        try
        {
            await bus.Publish(message, type, ctx => ctx.MessageId = row.MessageId, ct);
            row.SentAt = clock.GetUtcNow();
            row.LastError = null;
        }
        catch (OperationCanceledException)
        {
            // Timed out waiting for the broker: not confirmed, so not marked; the next batch sends it (same MessageId).
            row.LastError = "publish timed out";
        }
        catch (Exception e)
        {
            // Exception messages from the broker client carry no PHI: messages hold ids only.
            row.LastError = $"{e.GetType().Name}: {e.Message}";
            LogPublishFailed(log, row.MessageId, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch failed ({Error}); retrying")]
    private static partial void LogDispatchFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing outbox message {MessageId} failed ({Error})")]
    private static partial void LogPublishFailed(ILogger logger, Guid messageId, string error);
}
