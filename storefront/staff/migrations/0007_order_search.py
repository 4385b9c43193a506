from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('staff', '0006_second_factor'),
    ]

    operations = [
        migrations.CreateModel(
            name='OrderSearchEntry',
            fields=[
                ('order_id', models.CharField(max_length=100, primary_key=True, serialize=False)),
                ('number', models.PositiveBigIntegerField(db_index=True)),
                ('text', models.TextField()),
                ('indexed_at', models.DateTimeField(auto_now=True)),
            ],
        ),
    ]
