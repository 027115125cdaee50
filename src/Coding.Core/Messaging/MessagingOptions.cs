using System.ComponentModel.DataAnnotations;

namespace Coding.Core.Messaging;

public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>amqp://user:pass@host:port/vhost</summary>
    [Required]
    public Uri? RabbitMqUri { get; set; }

    /// <summary>Messages a worker process handles at once.</summary>
    [Range(1, 256)]
    public int ConcurrencyLimit { get; set; } = 8;

    [Range(1, 1024)]
    public int PrefetchCount { get; set; } = 16;

    /// <summary>Immediate retries (with exponential backoff) before a message goes to the _error queue.</summary>
    [Range(0, 20)]
    public int RetryLimit { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>While PostgreSQL is down (<see cref="DatabaseCircuit"/> open), how often one probe checks whether it is back.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan OutageProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest a message waits at the open circuit before it is tried anyway (and, failing, spends one retry). With the
    /// defaults a message rides out RetryLimit × 10 min of outage before it dead-letters as transient, and the re-drive
    /// job puts such letters back once the database answers.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OutageMaxWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a stopping worker lets the messages it holds finish before their ConsumeContext is cancelled. Cancelled,
    /// a message goes back to its queue unacknowledged (not to _error), for another worker: without it a worker stopped
    /// during an outage kept its prefetched messages waiting at the open circuit for up to <see cref="OutageMaxWait"/>.
    /// Coding one encounter takes milliseconds, so a few seconds lose no finished work.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ConsumerStopTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the outbox is polled when there is nothing to send.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Rows claimed, published and committed together. Small, because a worker killed between the broker's confirms and
    /// the batch's commit sends the whole batch again (same MessageIds): `bench faults` with 200 saw 155 duplicate
    /// CodesSuggested deliveries after two SIGKILLs and a broker restart. One batch is a few milliseconds, so 25 still
    /// dispatches thousands of rows a second.
    /// </summary>
    [Range(1, 10_000)]
    public int OutboxBatchSize { get; set; } = 25;

    /// <summary>
    /// After a dispatch fault (the database gone), how long a dispatcher waits once the database answers again before it
    /// claims rows, while it records at once the confirmed rows it remembers. Every dispatcher saw the same outage, and
    /// the rows one of them had confirmed but could not mark sent are the oldest unsent ones: without the wait, the
    /// dispatcher that reconnects first claims and publishes them again (up to a batch per outage).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan OutboxSettleAfterFault { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one batch's publishes may wait for the broker's confirms; the unconfirmed stay for the next batch.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan OutboxPublishTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
