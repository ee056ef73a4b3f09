using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Envelope;

public sealed class EnvelopeTests
{
    private static ServiceProvider CreateHost(TimeProvider? clock = null) => TestHost.Create(services =>
    {
        services.AddSingleton<EnvelopeLog>();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
    });

    [Fact]
    public async Task First_message_of_a_flow_is_its_own_correlation_and_has_no_causation()
    {
        await using var host = CreateHost();

        var envelope = await host.Queries().SendAsync(new ReadEnvelope("f"));

        Assert.NotEqual(Guid.Empty, envelope.MessageId);
        Assert.Equal(envelope.MessageId, envelope.CorrelationId);
        Assert.Null(envelope.CausationId);
    }

    [Fact]
    public async Task Message_ids_are_unique_time_ordered_version_7_guids()
    {
        await using var host = CreateHost();

        var first = await host.Queries().SendAsync(new ReadEnvelope("f"));
        var second = await host.Queries().SendAsync(new ReadEnvelope("f"));

        Assert.NotEqual(first.MessageId, second.MessageId);
        Assert.Equal(7, first.MessageId.Version);
    }

    [Fact]
    public async Task Timestamp_comes_from_the_registered_TimeProvider()
    {
        var now = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);
        await using var host = CreateHost(new FixedClock(now));

        var envelope = await host.Queries().SendAsync(new ReadEnvelope("f"));

        Assert.Equal(now, envelope.Timestamp);
    }

    [Fact]
    public async Task Explicit_message_correlation_causation_and_timestamp_headers_are_used()
    {
        await using var host = CreateHost();
        var messageId = Guid.NewGuid();
        var correlationId = Guid.NewGuid();
        var causationId = Guid.NewGuid();
        var sent = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(1));

        var envelope = await host.Queries().SendAsync(new ReadEnvelope("f"), new MessageHeaders
        {
            [MessageHeaderNames.MessageId] = messageId,
            [MessageHeaderNames.CorrelationId] = correlationId.ToString(),
            [MessageHeaderNames.CausationId] = causationId,
            [MessageHeaderNames.Timestamp] = sent,
        });

        Assert.Equal(messageId, envelope.MessageId);
        Assert.Equal(correlationId, envelope.CorrelationId);
        Assert.Equal(causationId, envelope.CausationId);
        Assert.Equal(sent, envelope.Timestamp);
    }

    [Fact]
    public async Task Reserved_headers_are_not_user_headers()
    {
        await using var host = CreateHost();

        var envelope = await host.Queries().SendAsync(new ReadEnvelope("f"), new MessageHeaders
        {
            [MessageHeaderNames.MessageName] = "spoofed.name",
            ["tenant"] = "acme",
        });

        Assert.Equal("acme", envelope.Tenant);
        Assert.False(envelope.HasMessageNameHeader);
    }
}
