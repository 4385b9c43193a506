from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("staff", "0007_order_search"),
    ]

    operations = [
        migrations.AddField(model_name="ordersearchentry", name="created", field=models.DateTimeField(null=True)),
        migrations.AddField(model_name="ordersearchentry", name="email",
                            field=models.CharField(blank=True, default="", max_length=254)),
        migrations.AddField(model_name="ordersearchentry", name="customer_name",
                            field=models.CharField(blank=True, default="", max_length=255)),
        migrations.AddField(model_name="ordersearchentry", name="status",
                            field=models.CharField(blank=True, default="", max_length=32)),
        migrations.AddField(model_name="ordersearchentry", name="status_display",
                            field=models.CharField(blank=True, default="", max_length=64)),
        migrations.AddField(model_name="ordersearchentry", name="payment_status",
                            field=models.CharField(blank=True, default="", max_length=32)),
        migrations.AddField(model_name="ordersearchentry", name="total_amount",
                            field=models.DecimalField(decimal_places=2, default=0, max_digits=12)),
        migrations.AddField(model_name="ordersearchentry", name="total_currency",
                            field=models.CharField(blank=True, default="", max_length=3)),
    ]
