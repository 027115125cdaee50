using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RabbitMQ.Client.Exceptions;

namespace Coding.Core.Messaging;

/// <summary>
/// Which failures are the infrastructure's (database or broker unreachable, restarting, timing out) and so pass
/// with time, as opposed to faults of the message or the data that no retry can fix. Pure: decides on the exception.
/// </summary>
public static class TransientFaults
{
    // SQLSTATEs of a server going away or not taking work yet: connection exceptions (08xxx), admin / crash shutdown,
    // cannot connect now (starting up), too many connections, out of memory, serialization failure and deadlock.
    private static readonly HashSet<string> TransientStates =
        ["57P01", "57P02", "57P03", "53300", "53200", "40001", "40P01", "08000", "08001", "08003", "08004", "08006"];

    public static bool IsTransient(Exception e) => e switch
    {
        TransientInfrastructureException => true,
        PostgresException p => TransientStates.Contains(p.SqlState) || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.IsTransient || n.InnerException is SocketException or IOException or TimeoutException,
        SocketException or TimeoutException or IOException => true,
        BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException => true,
        DbUpdateException { InnerException: { } inner } => IsTransient(inner),
        // EF Core wraps a connection failure raised while opening in InvalidOperationException ("transient failure").
        InvalidOperationException { InnerException: { } inner } => IsTransient(inner),
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsTransient),
        _ => false,
    };

    /// <summary>A short description safe for logs and dead-letter headers: exception types and SQLSTATE, never a message text.</summary>
    public static string Describe(Exception e)
    {
        var parts = new List<string>(3);
        for (var x = e; x is not null && parts.Count < 3; x = x.InnerException)
            parts.Add(x is PostgresException p ? $"{x.GetType().Name} {p.SqlState}" : x is SocketException s ? $"{x.GetType().Name} {s.SocketErrorCode}" : x.GetType().Name);
        return string.Join(" <- ", parts);
    }
}

/// <summary>
/// A transient infrastructure fault that outlasted every retry of a message (and the pause while the database was
/// down). Its type tells the dead-letter tooling and the re-drive job that the letter can go back once the cause is
/// gone; its message names exception types only, never content.
/// </summary>
public sealed class TransientInfrastructureException(string description)
    : Exception($"Transient infrastructure fault outlasted the retries: {description}.");
