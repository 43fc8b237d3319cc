// Opens a window's full report in a side panel: its figures, its feature table, its predicted
// classes and the decisions that fired on it, read from the timeline's data in the page. Text goes
// in through textContent only. Marks the page once it is wired up.
(function () {
  var data = JSON.parse(document.getElementById('timeline-data').textContent);
  var panel = document.getElementById('window-panel');
  var shown = null;

  function missing(value) {
    return value === null || value === undefined;
  }
  function decimal(value) {
    if (missing(value)) return '\u2014';
    if (value === 0) return '0';
    var magnitude = Math.abs(value);
    if (magnitude < 0.001) return value.toExponential(2);
    if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
    return String(Number(value.toPrecision(3)));
  }
  function percent(value) {
    return missing(value) ? '\u2014' : (value * 100).toFixed(1) + '%';
  }
  function count(value) {
    return missing(value) ? '\u2014' : Math.round(value).toLocaleString('en-US');
  }
  function millis(value) {
    return missing(value) ? '\u2014' : decimal(value) + ' ms';
  }
  function time(text) {
    return missing(text) ? '\u2014' : text.replace('T', ' ').replace('Z', ' UTC');
  }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (!missing(text)) node.textContent = text;
    return node;
  }
  function table(className, headers, rows) {
    var node = element('table', className);
    var head = node.createTHead().insertRow();
    headers.forEach(function (header, column) {
      var cell = element('th', header.numeric ? 'num' : null, header.text);
      head.appendChild(cell);
    });
    var body = node.createTBody();
    rows.forEach(function (cells) {
      var row = body.insertRow();
      cells.forEach(function (text, column) {
        var cell = row.insertCell();
        cell.className = headers[column].numeric ? 'num' : column === 0 ? 'label' : 'text';
        if (text instanceof Node) {
          cell.appendChild(text);
        } else {
          cell.textContent = text;
        }
      });
    });
    return node;
  }
  function badge(drifted) {
    if (missing(drifted)) return element('span', 'badge none', 'no verdict');
    return element('span', 'badge ' + (drifted ? 'drifted' : 'stable'), drifted ? 'drifted' : 'stable');
  }
  function close() {
    panel.hidden = true;
    shown = null;
  }

  function show(timelineIndex, i) {
    var model = data.model_versions[timelineIndex];
    if (!model || !(i >= 0 && i < model.windows.start.length)) return;
    shown = {timeline: timelineIndex, window: i};
    panel.textContent = '';

    var head = element('div', 'panel-head');
    var title = element('div');
    title.appendChild(element('strong', null, 'Window ' + (i + 1) + ' of ' + model.windows.start.length));
    title.appendChild(element('span', null, model.model + ' \u00b7 version ' + model.model_version));
    title.appendChild(element('div', 'note', time(model.windows.start[i]) + ' \u2013 ' + time(model.windows.end[i])));
    head.appendChild(title);
    var buttons = element('div', 'panel-buttons');
    [['\u25c0', -1, 'Previous window'], ['\u25b6', 1, 'Next window'], ['\u2715', 0, 'Close']].forEach(function (spec) {
      var button = element('button', null, spec[0]);
      button.type = 'button';
      button.title = spec[2];
      button.setAttribute('aria-label', spec[2]);
      button.addEventListener('click', function () {
        if (spec[1] === 0) close(); else show(timelineIndex, i + spec[1]);
      });
      buttons.appendChild(button);
    });
    head.appendChild(buttons);
    panel.appendChild(head);

    var volume = model.volume, latency = model.latency_ms, performance = model.performance;
    var dataset = model.dataset_drift;
    var figures = [
      ['Predictions', count(volume.predictions[i])],
      ['Errors', count(volume.errors[i]) + ' (' + percent(volume.error_rate[i]) + ')'],
      ['Late events', count(volume.late_events[i])],
      ['Latency p50 / p95 / p99', millis(latency.p50[i]) + ' / ' + millis(latency.p95[i]) + ' / ' + millis(latency.p99[i])],
      ['Accuracy', decimal(performance.accuracy[i])],
      ['F1 weighted / macro', decimal(performance.f1_weighted[i]) + ' / ' + decimal(performance.f1_macro[i])],
      ['Estimated accuracy', decimal(performance.estimated_accuracy[i])],
      ['Labelled', count(performance.labeled[i]) + ' (coverage ' + percent(performance.label_coverage[i]) + ')']
    ];
    if (!missing(performance.mae[i]) || !missing(performance.rmse[i])) {
      figures.push(['MAE / RMSE / MAPE', decimal(performance.mae[i]) + ' / ' + decimal(performance.rmse[i]) + ' / '
          + decimal(performance.mape[i])]);
    }
    figures.push(['Concept drift', missing(model.concept_drift.state[i]) ? '\u2014' : model.concept_drift.state[i]]);
    figures.push(['Dataset drift', missing(dataset.total_features[i]) ? 'no verdict'
        : count(dataset.drifted_features[i]) + ' of ' + count(dataset.total_features[i]) + ' features ('
          + percent(dataset.share[i]) + ')' + (dataset.drifted[i] ? ', drifted' : '')]);
    var list = element('dl');
    figures.forEach(function (figure) {
      list.appendChild(element('dt', null, figure[0]));
      list.appendChild(element('dd', null, figure[1]));
    });
    panel.appendChild(list);

    var decisions = model.decisions.filter(function (decision) { return decision.window === i; });
    if (decisions.length > 0) {
      panel.appendChild(element('h5', null, 'Retraining decisions'));
      decisions.forEach(function (decision) {
        var item = element('p');
        item.appendChild(element('strong', null, decision.rule));
        item.appendChild(document.createTextNode(' (' + (decision.severity || 'no severity') + ')'
            + (decision.reason ? ' because ' + decision.reason : '') + ' \u00b7 key '));
        item.appendChild(element('code', null, decision.idempotency_key));
        panel.appendChild(item);
      });
    }

    panel.appendChild(element('h5', null, 'Features'));
    var rows = model.features.map(function (feature) {
      return [feature.name, feature.method || '\u2014', decimal(feature.score[i]), decimal(feature.p_value[i]),
        decimal(feature.threshold[i]), badge(feature.drifted[i]), decimal(feature.psi[i]), percent(feature.missing_share[i])];
    });
    var wrap = element('div', 'table-wrap');
    wrap.appendChild(table('window-features', [{text: 'Feature'}, {text: 'Method'}, {text: 'Score', numeric: true},
      {text: 'p-value', numeric: true}, {text: 'Threshold', numeric: true}, {text: 'Drift'}, {text: 'PSI', numeric: true},
      {text: 'Missing', numeric: true}], rows));
    panel.appendChild(wrap);

    var classes = Object.keys(model.prediction_shares);
    if (classes.length > 0) {
      panel.appendChild(element('h5', null, 'Predicted classes'));
      panel.appendChild(table('window-classes', [{text: 'Class'}, {text: 'Share', numeric: true}],
        classes.map(function (label) { return [label, percent(model.prediction_shares[label][i])]; })));
    }
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  document.addEventListener('click', function (event) {
    var target = event.target.closest ? event.target.closest('[data-window]') : null;
    var section = target ? target.closest('[data-timeline]') : null;
    if (!section) return;
    event.preventDefault();
    show(Number(section.getAttribute('data-timeline')), Number(target.getAttribute('data-window')));
  });
  document.addEventListener('keydown', function (event) {
    if (!shown) return;
    if (event.key === 'Escape') close();
    else if (event.key === 'ArrowLeft') show(shown.timeline, shown.window - 1);
    else if (event.key === 'ArrowRight') show(shown.timeline, shown.window + 1);
  });
  document.documentElement.setAttribute('data-report-ready', 'true');
})();
