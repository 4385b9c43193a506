from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("checkout", "0003_released_holds")]

    operations = [
        migrations.AddField(
            model_name="checkoutattempt", name="landing_page", field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="checkoutattempt", name="landing_referrer", field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name="checkoutattempt",
            name="order_total",
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True),
        ),
        migrations.AddField(
            model_name="checkoutattempt", name="order_currency", field=models.CharField(blank=True, max_length=3),
        ),
        migrations.AddField(
            model_name="checkoutattempt",
            name="completed",
            field=models.DateTimeField(blank=True, db_index=True, null=True),
        ),
    ]
