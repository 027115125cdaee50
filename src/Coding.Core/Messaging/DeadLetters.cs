using RabbitMQ.Client;

namespace Coding.Core.Messaging;

/// <summary>One message waiting in an _error queue: why it failed, never what it carried.</summary>
public sealed record DeadLetter(string? MessageId, string? ExceptionType, string? Reason, DateTimeOffset? FaultedAt);

/// <summary>
/// Operator access to the _error queues MassTransit fills, so a fault that was fixed (a key restored, a codebook
/// loaded) can be re-driven instead of lost. Moves are one message at a time: published to the work queue first,
/// acknowledged from the error queue after, so a crash in between duplicates (which the inbox absorbs) but never drops.
/// </summary>
public static class DeadLetters
{
    private const string FaultHeaderPrefix = "MT-Fault-";

    public static async Task<IReadOnlyList<DeadLetter>> PeekAsync(Uri rabbitMqUri, string queue, int max, CancellationToken ct)
    {
        if (!await ExistsAsync(rabbitMqUri, queue + "_error", ct))
            return [];
        await using var connection = await new ConnectionFactory { Uri = rabbitMqUri }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var letters = new List<DeadLetter>();
        // Messages taken without ack go back to the queue when the channel closes.
        while (letters.Count < max && await channel.BasicGetAsync(queue + "_error", autoAck: false, ct) is { } got)
            letters.Add(Describe(got.BasicProperties));
        return letters;
    }

    /// <summary>Moves up to <paramref name="max"/> messages from <c>queue_error</c> back to <c>queue</c>; returns how many.</summary>
    public static async Task<int> RedriveAsync(Uri rabbitMqUri, string queue, int max, CancellationToken ct)
    {
        if (!await ExistsAsync(rabbitMqUri, queue + "_error", ct))
            return 0;
        await using var connection = await new ConnectionFactory { Uri = rabbitMqUri }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var moved = 0;
        while (moved < max && await channel.BasicGetAsync(queue + "_error", autoAck: false, ct) is { } got)
        {
            var props = new BasicProperties(got.BasicProperties)
            {
                Headers = got.BasicProperties.Headers?
                    .Where(h => !h.Key.StartsWith(FaultHeaderPrefix, StringComparison.Ordinal) && h.Key != "MT-Reason")
                    .ToDictionary(h => h.Key, h => h.Value),
            };
            await channel.BasicPublishAsync("", queue, mandatory: true, props, got.Body, ct);
            await channel.BasicAckAsync(got.DeliveryTag, multiple: false, ct);
            moved++;
        }
        return moved;
    }

    /// <summary>An error queue appears only with its first fault; none yet means no dead letters.</summary>
    private static async Task<bool> ExistsAsync(Uri rabbitMqUri, string queue, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = rabbitMqUri }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, ct);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }

    private static DeadLetter Describe(IReadOnlyBasicProperties p)
    {
        string? Header(string name) => p.Headers?.TryGetValue(name, out var v) == true && v is byte[] b ? System.Text.Encoding.UTF8.GetString(b) : null;
        var at = Header("MT-Fault-Timestamp");
        return new DeadLetter(p.MessageId, Header("MT-Fault-ExceptionType"), Header("MT-Fault-Message"),
            DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null);
    }
}
