using System;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Kafka.Tests.Hosting;

/// <summary>The producer's settings: what docs/kafka.md ("Sending") promises of them.</summary>
public sealed class ProducerSettingsTests
{
    [Fact]
    public void The_producer_is_idempotent_acknowledged_by_all_replicas_and_its_reports_carry_only_the_outcome()
    {
        var options = new KafkaOptions { BootstrapServers = "broker:9092" };
        options.Producer["linger.ms"] = "20";

        var settings = KafkaTransport.ProducerSettings(options);

        Assert.Equal("true", settings["enable.idempotence"]);
        Assert.Equal("all", settings["acks"]);
        Assert.Equal("status", settings["dotnet.producer.delivery.report.fields"]);
        Assert.Equal("30000", settings["message.timeout.ms"]);
        Assert.Equal("20", settings["linger.ms"]);   // the host's own settings apply over the defaults
    }

    [Theory]
    [InlineData("enable.idempotence", "false")]
    [InlineData("acks", "1")]
    [InlineData("acks", "0")]
    public void UseKafka_refuses_producer_settings_that_can_lose_or_reorder_messages(string name, string value)
    {
        var services = new ServiceCollection();

        var refused = Assert.Throws<ArgumentException>(() =>
            services.AddEstuary(estuary => estuary.UseKafka("broker:9092", kafka => kafka.Options.Producer[name] = value)));

        Assert.Contains("enable.idempotence=true and acks=all", refused.Message, StringComparison.Ordinal);
    }
}
