from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DailyCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField()),
                ("event", models.CharField(max_length=32)),
                ("path", models.CharField(max_length=200)),
                ("referrer_host", models.CharField(blank=True, default="", max_length=100)),
                ("count", models.BigIntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("day", "event", "path", "referrer_host"), name="analytics_one_row_per_key")
                ],
                "indexes": [models.Index(fields=["event", "day"], name="analytics_event_day")],
            },
        ),
    ]
