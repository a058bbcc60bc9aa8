# Same installation as `make setup`: Debian packages for the readers/OCR, then the project.
FROM python:3.11-slim-bookworm
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONUNBUFFERED=1 OMP_THREAD_LIMIT=1
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      antiword tesseract-ocr tesseract-ocr-vie poppler-utils fonts-dejavu-core make \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY nlp_service ./nlp_service
COPY models ./models
COPY corpus/authored ./corpus/authored
RUN pip install -q .
ENV NLP_SERVICE_DATA_DIR=/data NLP_SERVICE_MODELS=/app/models
VOLUME /data
EXPOSE 8000
CMD ["nlp-service", "serve", "--host", "0.0.0.0", "--port", "8000", "--seed", "corpus/authored"]
