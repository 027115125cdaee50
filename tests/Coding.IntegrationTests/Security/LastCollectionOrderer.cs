using Xunit.Abstractions;

namespace Coding.IntegrationTests.Security;

/// <summary>Runs the log scan's collection after every other, so it reads the logs of the whole run.</summary>
public sealed class LastCollectionOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName.Contains(the_logs_of_the_test_run.Collection, StringComparison.Ordinal) ? 1 : 0);
}
