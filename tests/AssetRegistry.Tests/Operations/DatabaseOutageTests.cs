using System.Net.Sockets;
using AssetRegistry.Web.Infrastructure;
using Npgsql;

namespace AssetRegistry.Tests.Operations;

/// <summary>Which failures count as the database being away (503) and which are faults of the request or the code.</summary>
public sealed class DatabaseOutageTests
{
    [Theory]
    [InlineData("57P01", true)]  // admin_shutdown: pg_ctl stop/restart -m fast ended the session
    [InlineData("57P02", true)]  // crash_shutdown
    [InlineData("57P03", true)]  // cannot_connect_now: starting up
    [InlineData("08006", true)]  // connection_failure
    [InlineData("23505", false)] // unique_violation: a conflict, not an outage
    [InlineData("42601", false)] // syntax_error: a bug, not an outage
    [InlineData("57014", false)] // query_canceled: the client went away or a statement timeout
    public void PostgresError_IsAnOutageOnlyForShutdownStartupAndConnectionStates(string sqlState, bool outage) =>
        Assert.Equal(outage, DatabaseOutage.Is(new PostgresException("message", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void ConnectionFailures_AreOutages_EvenWrappedByEfCore()
    {
        Assert.True(DatabaseOutage.Is(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(DatabaseOutage.Is(new NpgsqlException("Exception while reading from stream", new IOException("end of stream"))));
        Assert.True(DatabaseOutage.Is(new NpgsqlException("The operation has timed out", new TimeoutException())));
        Assert.True(DatabaseOutage.Is(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)))));
    }

    [Fact]
    public void OtherFailures_AreNotOutages()
    {
        Assert.False(DatabaseOutage.Is(new InvalidOperationException("a bug")));
        Assert.False(DatabaseOutage.Is(new OperationCanceledException()));
        Assert.False(DatabaseOutage.Is(new InvalidOperationException("wrapped", new PostgresException("dup", "ERROR", "ERROR", "23505"))));
    }
}
