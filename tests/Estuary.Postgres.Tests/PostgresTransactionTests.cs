using System;
using Xunit;

namespace Estuary.Postgres.Tests;

public sealed class PostgresTransactionTests
{
    [Fact]
    public void Outside_a_postgres_unit_of_work_the_session_is_refused_with_the_reason()
    {
        var transaction = new PostgresTransaction();

        Assert.False(transaction.IsActive);
        var error = Assert.Throws<InvalidOperationException>(() => transaction.Session);
        Assert.Contains("Postgres channel", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => transaction.CreateCommand("SELECT 1"));
    }
}
