using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Coding.Core.Messaging;

/// <summary>One message waiting in an _error or _skipped queue: why it is there, never what it carried (ids only).</summary>
public sealed record DeadLetter(string? MessageId, string? ExceptionType, string? Reason, DateTimeOffset? FaultedAt, Guid? EncounterId = null, int Redriven = 0)
{
    /// <summary>The fault was the infrastructure's (see <see cref="TransientFaults"/>): the letter may go back once the cause is gone.</summary>
    public bool IsTransient => ExceptionType is not null && DeadLetters.TransientExceptionTypes.Contains(ExceptionType);
}

/// <summary>A queue of letters: its name and how many it held when read.</summary>
public sealed record DeadLetterQueue(string Name, uint Count);

/// <summary>What one re-drive did: how many letters the queue held when it started, how many moved, how many it left.</summary>
public sealed record RedriveResult(string Queue, uint Snapshot, IReadOnlyList<DeadLetter> Moved, int Left);

/// <summary>
/// Operator access to the _error and _skipped queues MassTransit fills, so a fault that was fixed (a key restored, a
/// codebook loaded, the database back) can be re-driven instead of lost. Moves are one message at a time: published to
/// the work queue first, acknowledged from the error queue after, so a crash in between duplicates (which the inbox
/// absorbs) but never drops.
/// </summary>
public static class DeadLetters
{
    public const string ErrorSuffix = "_error";

    /// <summary>Where MassTransit puts a message no consumer on the endpoint handles (an unknown message type).</summary>
    public const string SkippedSuffix = "_skipped";

    private const string FaultHeaderPrefix = "MT-Fault-";

    /// <summary>
    /// How many times a letter was moved back to its work queue, carried on the message itself (MassTransit copies a
    /// received message's headers onto the letter it dead-letters), so the automatic re-drive can stop re-driving a
    /// "transient" fault that is in fact the message's own (a query that times out on it every time).
    /// </summary>
    public const string RedrivenHeader = "Coding-Redriven";

    /// <summary>Letters of these types failed for the infrastructure's reasons; letters from before the wrapper existed included.</summary>
    internal static readonly HashSet<string> TransientExceptionTypes =
    [
        typeof(TransientInfrastructureException).FullName!, "Npgsql.NpgsqlException", "System.Net.Sockets.SocketException",
        "System.TimeoutException",
    ];

    /// <summary>The work queue's _error and _skipped queues that exist, with how many letters each holds.</summary>
    public static async Task<IReadOnlyList<DeadLetterQueue>> QueuesAsync(Uri rabbitMqUri, string queue, CancellationToken ct)
    {
        var found = new List<DeadLetterQueue>(2);
        foreach (var name in new[] { queue + ErrorSuffix, queue + SkippedSuffix })
        {
            if (await CountAsync(rabbitMqUri, name, ct) is { } count)
                found.Add(new DeadLetterQueue(name, count));
        }
        return found;
    }

    /// <summary>Up to <paramref name="max"/> letters of <c>queue_error</c>, left in place.</summary>
    public static Task<IReadOnlyList<DeadLetter>> PeekAsync(Uri rabbitMqUri, string queue, int max, CancellationToken ct) =>
        PeekQueueAsync(rabbitMqUri, queue + ErrorSuffix, max, ct);

    /// <summary>Up to <paramref name="max"/> letters of the named queue, left in place.</summary>
    public static async Task<IReadOnlyList<DeadLetter>> PeekQueueAsync(Uri rabbitMqUri, string fullName, int max, CancellationToken ct)
    {
        if (await CountAsync(rabbitMqUri, fullName, ct) is not { } count)
            return [];
        await using var connection = await new ConnectionFactory { Uri = rabbitMqUri }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var letters = new List<DeadLetter>();
        // Messages taken without ack are not handed to this channel again and go back to the queue when it closes: at
        // most the snapshot's count is read, each once.
        while (letters.Count < Math.Min(max, count) && await channel.BasicGetAsync(fullName, autoAck: false, ct) is { } got)
            letters.Add(Describe(got.BasicProperties, got.Body));
        return letters;
    }

    /// <summary>Moves up to <paramref name="max"/> messages from <c>queue_error</c> back to <c>queue</c>; returns how many.</summary>
    public static async Task<int> RedriveAsync(Uri rabbitMqUri, string queue, int max, CancellationToken ct) =>
        (await RedriveAsync(rabbitMqUri, queue, max, _ => true, ct)).Moved.Count;

    /// <summary>
    /// Moves the letters of <c>queue_error</c> that <paramref name="select"/> picks back to <c>queue</c>, each at most
    /// once: the queue's count is taken first and no more than that many are read, so a letter that fails again while
    /// this runs (and lands at the queue's tail) waits for the next run instead of going round in a loop. Letters not
    /// picked are left unacknowledged and return to the queue, in order, when the channel closes.
    /// </summary>
    public static async Task<RedriveResult> RedriveAsync(Uri rabbitMqUri, string queue, int max, Func<DeadLetter, bool> select, CancellationToken ct)
    {
        var errorQueue = queue + ErrorSuffix;
        if (await CountAsync(rabbitMqUri, errorQueue, ct) is not { } snapshot)
            return new RedriveResult(errorQueue, 0, [], 0);
        await using var connection = await new ConnectionFactory { Uri = rabbitMqUri }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var moved = new List<DeadLetter>();
        var read = 0;
        while (read < snapshot && moved.Count < max && await channel.BasicGetAsync(errorQueue, autoAck: false, ct) is { } got)
        {
            read++;
            var letter = Describe(got.BasicProperties, got.Body);
            if (!select(letter))
                continue;
            var headers = got.BasicProperties.Headers?
                .Where(h => !h.Key.StartsWith(FaultHeaderPrefix, StringComparison.Ordinal) && h.Key != "MT-Reason")
                .ToDictionary(h => h.Key, h => h.Value) ?? new Dictionary<string, object?>();
            headers[RedrivenHeader] = letter.Redriven + 1;
            var props = new BasicProperties(got.BasicProperties) { Headers = headers };
            await channel.BasicPublishAsync("", queue, mandatory: true, props, got.Body, ct);
            await channel.BasicAckAsync(got.DeliveryTag, multiple: false, ct);
            moved.Add(letter);
        }
        return new RedriveResult(errorQueue, snapshot, moved, (int)snapshot - moved.Count);
    }

    /// <summary>How many messages the queue holds, or null when it does not exist (an error queue appears with its first fault).</summary>
    private static async Task<uint?> CountAsync(Uri rabbitMqUri, string queue, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = rabbitMqUri }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    private static DeadLetter Describe(IReadOnlyBasicProperties p, ReadOnlyMemory<byte> body)
    {
        string? Header(string name) => p.Headers?.TryGetValue(name, out var v) == true && v is byte[] b ? Encoding.UTF8.GetString(b) : null;
        var at = Header("MT-Fault-Timestamp");
        var (encounterId, messageType) = Envelope(body);
        var type = Header("MT-Fault-ExceptionType");
        // A skipped message has no fault: it is there because no consumer on the endpoint takes its type.
        var reason = Header("MT-Fault-Message") ?? (type is null ? $"skipped: no consumer for {messageType ?? "an unreadable message type"}" : null);
        return new DeadLetter(p.MessageId, type, reason,
            DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null,
            encounterId, Redriven(p));
    }

    /// <summary>The letter's re-drive count: an AMQP integer as we write it, or its text; absent, unreadable or negative is 0.</summary>
    private static int Redriven(IReadOnlyBasicProperties p)
    {
        object? value = null;
        if (p.Headers?.TryGetValue(RedrivenHeader, out value) != true)
            return 0;
        var count = value switch
        {
            int i => i,
            long l => (int)Math.Clamp(l, 0, int.MaxValue),
            byte[] b when int.TryParse(Encoding.UTF8.GetString(b), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => 0,
        };
        return Math.Max(count, 0);
    }

    /// <summary>The encounter id and first message type of a MassTransit JSON envelope, when it is one (ids and type names only).</summary>
    private static (Guid? EncounterId, string? MessageType) Envelope(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            Guid? id = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object
                && m.TryGetProperty("encounterId", out var e) && e.TryGetGuid(out var g) ? g : null;
            string? type = root.TryGetProperty("messageType", out var t) && t.ValueKind == JsonValueKind.Array && t.GetArrayLength() > 0
                ? t[0].GetString() : null;
            return (id, type is { Length: <= 200 } ? type : null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
