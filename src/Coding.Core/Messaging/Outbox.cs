using System.Text.Json;
using Coding.Contracts;
using Coding.Core.Data;
using MassTransit;

namespace Coding.Core.Messaging;

public static class Outbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Queues a contract message in the caller's unit of work; it is published only if that commits.</summary>
    public static Guid Enqueue<T>(this CodingDbContext db, T message, DateTimeOffset now)
        where T : class
    {
        var row = Row(message, now);
        db.OutboxMessages.Add(row);
        return row.MessageId;
    }

    /// <summary>The row <see cref="Enqueue"/> adds, for writers that insert it themselves (the worker's one-batch store).</summary>
    public static OutboxMessage Row<T>(T message, DateTimeOffset now)
        where T : class =>
        new()
        {
            MessageId = NewId.NextGuid(),
            MessageType = typeof(T).FullName!,
            Body = JsonSerializer.Serialize(message, Json),
            CreatedAt = now,
        };

    /// <summary>Resolves a stored type name, only within the contracts assembly.</summary>
    internal static Type? ContractType(string fullName) => typeof(EncounterFinished).Assembly.GetType(fullName, throwOnError: false);
}
