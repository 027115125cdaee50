using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coding.Core.Logging;

/// <summary>
/// Wraps every logger provider of a host so that a warning or error repeated from the same place (category, event and
/// message template, exception type) is written once per interval; the next one written after it says how many were
/// left out. Two workers wrote 12.9 MB (92,000 lines) during a one-minute database outage, one stack trace per retry
/// (issue 19). Information and below pass untouched: they are not failures and are not repeated per message.
/// </summary>
public sealed class RepeatedLogLimiter(TimeProvider clock, TimeSpan interval)
{
    private sealed class Slot
    {
        public long LastWritten;
        public int Suppressed;

        // Writes the last line left out, with a suffix: how the count gets out when nothing like it comes again.
        public Action<string>? WriteLast;
    }

    private readonly ConcurrentDictionary<(string Category, int EventId, string Template, string? Exception), Slot> _slots = new();

    /// <summary>Whether to write this one now, and how many like it were left out since the last one written.</summary>
    internal (bool Write, int Suppressed) Admit(string category, EventId eventId, string template, Exception? exception, Action<string>? writeLeftOut = null)
    {
        var slot = _slots.GetOrAdd((category, eventId.Id, template, exception?.GetType().FullName), _ => new Slot { LastWritten = long.MinValue });
        var now = clock.GetTimestamp();
        lock (slot)
        {
            if (slot.LastWritten != long.MinValue && clock.GetElapsedTime(slot.LastWritten, now) < interval)
            {
                slot.Suppressed++;
                slot.WriteLast = writeLeftOut;
                return (false, 0);
            }
            var suppressed = slot.Suppressed;
            (slot.LastWritten, slot.Suppressed, slot.WriteLast) = (now, 0, null);
            return (true, suppressed);
        }
    }

    /// <summary>
    /// Writes the count of every slot whose interval is over with lines still left out (all of them when
    /// <paramref name="all"/>, at the host's stop): the end of a storm has no next line to carry its count.
    /// </summary>
    internal void Flush(bool all)
    {
        var now = clock.GetTimestamp();
        foreach (var slot in _slots.Values)
        {
            Action<string>? write;
            int suppressed;
            lock (slot)
            {
                if (slot.Suppressed == 0 || slot.WriteLast is null || (!all && clock.GetElapsedTime(slot.LastWritten, now) < interval))
                    continue;
                // The line written is the last one left out, so it counts itself among them.
                (write, suppressed) = (slot.WriteLast, slot.Suppressed - 1);
                (slot.LastWritten, slot.Suppressed, slot.WriteLast) = (now, 0, null);
            }
            write(Suffix(suppressed));
        }
    }

    public TimeSpan Interval => interval;

    private string Suffix(int suppressed) => suppressed == 0 ? "" : $" [{suppressed} more like this in the {interval.TotalSeconds:0.#} s before, not written]";

    /// <summary>Decorates the logger providers registered so far (call after the host's logging is configured).</summary>
    /// <remarks>Each provider (console, file, exporter) counts on its own, so the first line of a storm reaches every one.</remarks>
    public static void Apply(IServiceCollection services, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
            return;
        for (var i = 0; i < services.Count; i++)
        {
            var d = services[i];
            if (d.ServiceType != typeof(ILoggerProvider) || d.IsKeyedService)
                continue;
            services[i] = ServiceDescriptor.Singleton<ILoggerProvider>(sp =>
                new Provider(Create(sp, d), new RepeatedLogLimiter(sp.GetService<TimeProvider>() ?? TimeProvider.System, interval)));
        }
    }

    private static ILoggerProvider Create(IServiceProvider sp, ServiceDescriptor d) =>
        (ILoggerProvider)(d.ImplementationInstance ?? d.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));

    internal sealed class Provider : ILoggerProvider, ISupportExternalScope
    {
        private readonly ILoggerProvider _inner;
        private readonly RepeatedLogLimiter _limiter;
        private readonly ITimer _flush;

        public Provider(ILoggerProvider inner, RepeatedLogLimiter limiter)
        {
            (_inner, _limiter) = (inner, limiter);
            _flush = limiter.Clock.CreateTimer(_ => FlushDue(), null, limiter.Interval, limiter.Interval);
        }

        public ILogger CreateLogger(string categoryName) => new Limited(_inner.CreateLogger(categoryName), categoryName, _limiter);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (_inner as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

        /// <summary>The counts of storms that ended (run by a timer once per interval).</summary>
        internal void FlushDue() => _limiter.Flush(all: false);

        public void Dispose()
        {
            _flush.Dispose();
            // Before the inner provider goes: what was left out since its last line is counted in the log it ends.
            _limiter.Flush(all: true);
            _inner.Dispose();
        }
    }

    private TimeProvider Clock => clock;

    private sealed class Limited(ILogger inner, string category, RepeatedLogLimiter limiter) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel < LogLevel.Warning || !inner.IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }
            var template = state is IReadOnlyList<KeyValuePair<string, object?>> values
                && values.Count > 0 && values[^1] is { Key: "{OriginalFormat}", Value: string format }
                ? format
                : formatter(state, exception);
            var (write, suppressed) = limiter.Admit(category, eventId, template, exception,
                suffix => inner.Log(logLevel, eventId, state, exception, (s, e) => formatter(s, e) + suffix));
            if (!write)
                return;
            if (suppressed == 0)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }
            var suffix = limiter.Suffix(suppressed);
            inner.Log(logLevel, eventId, state, exception, (s, e) => formatter(s, e) + suffix);
        }
    }
}
