namespace Coding.Core.Messaging;

/// <summary>
/// A message written in the same transaction as the state change it announces, published later by
/// <see cref="OutboxDispatcher"/>. Delivery is at-least-once; consumers deduplicate on <see cref="MessageId"/>.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public Guid MessageId { get; set; }

    /// <summary>Full name of a type in Coding.Contracts; nothing outside that assembly is ever resolved.</summary>
    public required string MessageType { get; set; }

    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A message a consumer has already acted on; the primary key makes the second delivery a no-op.</summary>
public class InboxMessage
{
    public Guid MessageId { get; set; }
    public required string Consumer { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}
