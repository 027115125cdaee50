using System.ComponentModel.DataAnnotations;

namespace Coding.Core.Pipeline;

/// <summary>Settings of the stuck-encounter re-drive (section <c>Redrive</c>), validated on start.</summary>
public sealed class RedriveOptions
{
    public const string Section = "Redrive";

    /// <summary>Whether this host schedules the job at all (every worker may; an advisory lock lets one run at a time).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the job looks for stuck encounters.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// An encounter still waiting this long since it was received (or last re-driven) is re-driven. Long enough that a
    /// healthy backlog drains first: a re-drive of an encounter still queued costs one duplicate message, which the
    /// inbox and the unique suggestion set absorb, but no more.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "7.00:00:00")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How many times the job moves one transient dead letter back before leaving it to an operator (`coding
    /// dead-letters`): a fault that passes for the infrastructure's but follows the message (a timeout it causes every
    /// time) would otherwise go round every run, each time through every retry, decrypting and auditing its note.
    /// </summary>
    [Range(1, 1000)]
    public int MaxTransientRedrives { get; set; } = 5;

    /// <summary>Most encounters re-driven per run; the rest wait for the next run.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;
}
