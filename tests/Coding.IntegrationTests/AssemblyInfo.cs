// One real PostgreSQL and one real RabbitMQ serve every test; on a 2-core machine running classes one at a time
// keeps timings honest and failures readable. Each class still gets its own database and vhost.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// The log scan reads what every other test class logged, so its collection goes last.
[assembly: TestCollectionOrderer("Coding.IntegrationTests.Security.LastCollectionOrderer", "Coding.IntegrationTests")]
