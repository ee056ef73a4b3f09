using Xunit;

namespace Estuary.Postgres.Tests.EventStore.Torture;

/// <summary>
/// The torture test runs alone, after the test classes that run in parallel: its transactions, held open
/// most of the time, hold back every reader of all events on the server (a test that reads all events
/// once, right after appending, would not find its own), and other tests' load would distort its own.
/// </summary>
[CollectionDefinition(nameof(ReadAllTortureCollection), DisableParallelization = true)]
public sealed class ReadAllTortureCollection;
