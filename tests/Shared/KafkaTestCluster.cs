using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Estuary.Testing.Kafka;

/// <summary>
/// The Kafka cluster tests run against: librdkafka's own mock cluster (three brokers in this process,
/// listening on local ports, so other processes can use it too), or the real cluster named by
/// ESTUARY_KAFKA (<c>host:port</c>). Topics are created with the partitions a test asks for (the mock
/// creates unknown topics with four). What the mock cannot prove is listed in docs/kafka.md.
/// </summary>
public static partial class KafkaTestCluster
{
    private const string Library = "librdkafka";
    private static readonly Lazy<Cluster> s_cluster = new(Start);
    private static readonly System.Threading.Lock s_resolving = new();
    private static bool s_resolverSet;

    /// <summary>The cluster's <c>bootstrap.servers</c>.</summary>
    public static string BootstrapServers => s_cluster.Value.BootstrapServers;

    /// <summary>Whether the tests run on a real cluster (ESTUARY_KAFKA) rather than the mock.</summary>
    public static bool IsReal => Environment.GetEnvironmentVariable("ESTUARY_KAFKA") is { Length: > 0 };

    /// <summary>A name no other test uses.</summary>
    public static string Unique(string name) => name + "-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions.</summary>
    public static void CreateTopic(string topic, int partitions)
    {
        var cluster = s_cluster.Value;
        if (cluster.Mock == IntPtr.Zero)
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
            admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = 1 }]).GetAwaiter().GetResult();
            return;
        }

        var result = rd_kafka_mock_topic_create(cluster.Mock, topic, partitions, 1);
        if (result != 0)
        {
            throw new InvalidOperationException($"The mock cluster did not create topic {topic} (error {result}).");
        }
    }

    /// <summary>Creates each of <paramref name="topics"/> with <paramref name="partitions"/> partitions.</summary>
    public static void CreateTopics(IEnumerable<string> topics, int partitions)
    {
        foreach (var topic in topics)
        {
            CreateTopic(topic, partitions);
        }
    }

    /// <summary>
    /// Starts a mock cluster of its own, for a test that makes the brokers fail requests: on the shared
    /// cluster the failures would hit the clients of tests running beside it. A mock cluster even when
    /// ESTUARY_KAFKA names a real one (which cannot be told to fail).
    /// </summary>
    public static PrivateCluster StartPrivate()
    {
        var (handle, mock) = StartMock();
        return new PrivateCluster(handle, mock);
    }

    private static Cluster Start()
    {
        if (IsReal)
        {
            return new Cluster(Environment.GetEnvironmentVariable("ESTUARY_KAFKA")!, IntPtr.Zero);
        }

        var (_, mock) = StartMock();
        return new Cluster(Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(mock))!, mock);
    }

    /// <summary>A librdkafka instance holding a mock cluster of three brokers.</summary>
    private static (IntPtr Handle, IntPtr Mock) StartMock()
    {
        lock (s_resolving)
        {
            if (!s_resolverSet)
            {
                NativeLibrary.SetDllImportResolver(typeof(KafkaTestCluster).Assembly, Resolve);
                s_resolverSet = true;
            }
        }

        var error = new byte[512];
        var configuration = rd_kafka_conf_new();
        rd_kafka_conf_set(configuration, "log_level", "3", error, (nuint)error.Length);
        var handle = rd_kafka_new(0, configuration, error, (nuint)error.Length);
        if (handle == IntPtr.Zero)
        {
            throw new InvalidOperationException("librdkafka did not start: " + System.Text.Encoding.UTF8.GetString(error).TrimEnd('\0'));
        }

        var mock = rd_kafka_mock_cluster_new(handle, 3);
        if (mock == IntPtr.Zero)
        {
            throw new InvalidOperationException("librdkafka did not start its mock cluster.");
        }

        // A group forms at once instead of waiting for more members (the broker's default waits 3 s).
        rd_kafka_mock_group_initial_rebalance_delay_ms(mock, 0);
        return (handle, mock);
    }

    // librdkafka.redist ships librdkafka.so (it needs libsasl2.so.3) and centos8-librdkafka.so (static
    // dependencies); Confluent.Kafka falls back to the second when the first does not load, and so does this.
    private static IntPtr Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        var directories = new[] { Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native"), AppContext.BaseDirectory };
        foreach (var file in directories.SelectMany(d => new[] { Path.Combine(d, "librdkafka.so"), Path.Combine(d, "centos8-librdkafka.so") }))
        {
            if (File.Exists(file) && NativeLibrary.TryLoad(file, out var loaded))
            {
                return loaded;
            }
        }

        return IntPtr.Zero;
    }

    private sealed record Cluster(string BootstrapServers, IntPtr Mock);

    /// <summary>A mock cluster only one test uses (<see cref="StartPrivate"/>); disposed, its brokers stop.</summary>
    public sealed class PrivateCluster : IDisposable
    {
        private readonly IntPtr _handle;
        private IntPtr _mock;

        internal PrivateCluster(IntPtr handle, IntPtr mock)
        {
            _handle = handle;
            _mock = mock;
            BootstrapServers = Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(mock))!;
        }

        /// <summary>The cluster's <c>bootstrap.servers</c>.</summary>
        public string BootstrapServers { get; }

        /// <summary>Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions.</summary>
        public void CreateTopic(string topic, int partitions)
        {
            var result = rd_kafka_mock_topic_create(_mock, topic, partitions, 1);
            if (result != 0)
            {
                throw new InvalidOperationException($"The mock cluster did not create topic {topic} (error {result}).");
            }
        }

        /// <summary>
        /// The next requests of the protocol's API <paramref name="apiKey"/> (0 is Produce) fail with
        /// <paramref name="errors"/>, one each, whichever client sends them.
        /// </summary>
        public void FailNextRequests(short apiKey, params ErrorCode[] errors)
        {
            var codes = Array.ConvertAll(errors, static error => (int)error);
            rd_kafka_mock_push_request_errors_array(_mock, apiKey, (nuint)codes.Length, codes);
        }

        public void Dispose()
        {
            if (_mock == IntPtr.Zero)
            {
                return;
            }

            rd_kafka_mock_cluster_destroy(_mock);
            _mock = IntPtr.Zero;
            rd_kafka_destroy(_handle);
        }
    }

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_conf_set(IntPtr configuration, string name, string value, byte[] error, nuint errorSize);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_new(int type, IntPtr configuration, byte[] error, nuint errorSize);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_mock_cluster_new(IntPtr handle, int brokers);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mock);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_mock_topic_create(IntPtr mock, string topic, int partitions, int replicationFactor);

    [LibraryImport(Library)]
    private static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr mock, int delay);

    [LibraryImport(Library)]
    private static partial void rd_kafka_mock_push_request_errors_array(IntPtr mock, short apiKey, nuint count, int[] errors);

    [LibraryImport(Library)]
    private static partial void rd_kafka_mock_cluster_destroy(IntPtr mock);

    [LibraryImport(Library)]
    private static partial void rd_kafka_destroy(IntPtr handle);
}
